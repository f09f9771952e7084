//! RES011 pass and fail cases, per language.

use crate::rules::Case;

pub(super) const CASES: &[Case] = &[
    // Endpoints only the instance's administrators reach answer its operators.
    Case::new(
        "app/extensions.py",
        r#"
from fastapi import APIRouter, Depends, HTTPException
from flask import Flask, make_response

router = APIRouter()
app = Flask(__name__)

@router.delete('/extensions/{ext_id}', dependencies=[Depends(check_admin)])
async def uninstall(ext_id: str):
    try:
        await uninstall_extension(ext_id)
    except Exception as exc:
        raise HTTPException(status_code=500, detail=str(exc))

@router.get('/extensions/{ext_id}/release')
async def release(ext_id: str, user: User = Depends(check_admin_user)):
    try:
        return await fetch_release(ext_id)
    except Exception as exc:
        raise HTTPException(status_code=500, detail=str(exc))

class DebugController(BaseAdminController):
    @router.post('/debug/openai')
    def debug_openai(self):
        try:
            return ask()
        except Exception as e:
            raise HTTPException(status_code=500, detail=str(e))

@router.get('/extensions/{ext_id}/readme')
async def readme(ext_id: str):
    try:
        return await fetch_readme(ext_id)
    except Exception as exc:
        raise HTTPException(status_code=500, detail=str(exc))  # expect: RES011

@app.route('/steps')
def step(url):
    try:
        return run_step(url)
    except Exception as e:
        return make_response(str(e), 401)

@app.route('/preview')
def preview(url):
    try:
        return fetch(url)
    except Exception as e:
        return make_response(str(e), 502)  # expect: RES011
"#,
    ),
    Case::new(
        "app/routes/admin/debug.py",
        r#"
from fastapi import HTTPException

@router.post('/debug')
def debug():
    try:
        return ask()
    except Exception as e:
        raise HTTPException(status_code=500, detail=str(e))
"#,
    ),
    Case::new(
        "app/api.py",
        r#"
import traceback
from fastapi import FastAPI, HTTPException
from flask import jsonify

app = FastAPI()

@app.get('/orders/{oid}')
def get_order(oid: str):
    try:
        return load(oid)
    except LookupError as e:
        raise HTTPException(status_code=502, detail=str(e))  # expect: RES011
    except Exception as exc:
        raise HTTPException(500, f"failed: {exc}")  # expect: RES011

@app.post('/sync')
def sync():
    try:
        run()
    except Exception as e:
        return {'error': str(e), 'trace': traceback.format_exc()}  # expect: RES011

def flask_view():
    try:
        run()
    except Exception as err:
        return jsonify(error=repr(err)), 500  # expect: RES011

def django_view(request):
    try:
        return JsonResponse(save(request))
    except (ValueError, DatabaseError) as e:
        return JsonResponse({'error': str(e)}, status=500)  # expect: RES011
"#,
    ),
    Case::new(
        "app/ok.py",
        r#"
from fastapi import FastAPI, HTTPException

app = FastAPI()

@app.get('/orders/{oid}')
def get_order(oid: str):
    try:
        return load(oid)
    except Exception:
        logger.exception('load failed')
        raise HTTPException(status_code=500, detail='internal error')

def helper():
    try:
        run()
    except Exception as e:
        return str(e)

@app.post('/orders')
def create(body: dict):
    try:
        return place(body)
    except ValueError as e:
        raise HTTPException(status_code=400, detail=f'invalid order: {e}')

@app.post('/import')
def import_rows(body: dict):
    try:
        return run_import(body)
    except (ValidationError, InvalidRowError) as e:
        raise HTTPException(status_code=500, detail=str(e))

def django_view(request):
    try:
        return JsonResponse(save(request))
    except Exception as e:
        return JsonResponse({'error': str(e)}, status=400)

def drf_view(request):
    try:
        return Response(save(request))
    except Exception as e:
        return Response({'error': str(e)}, status=status.HTTP_400_BAD_REQUEST)

@app.route('/flask', methods=['POST'])
def flask_post():
    try:
        return save()
    except Exception as e:
        return jsonify(error=str(e)), 400

@app.route('/plain', methods=['POST'])
def plain_post():
    try:
        return save()
    except KeyError as e:
        return {'error': f'missing field {e}'}, 422

class Tasks:
    def on_chord_part_return(self, request, state):
        try:
            run()
        except Exception as exc:
            return self.error(f'chord failed: {exc!r}')
"#,
    ),
    Case::new(
        "svc/api.go",
        r#"
package svc

import "net/http"

func Get(w http.ResponseWriter, r *http.Request) {
	if err := load(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)  // expect: RES011
		return
	}
}

func GinGet(c *gin.Context) {
	if err := load(); err != nil {
		c.JSON(500, gin.H{"error": err.Error()})  // expect: RES011
	}
}
"#,
    ),
    // A group guarded by an administrators' middleware (gin): its handlers
    // answer the operators.
    Case::new(
        "server/api/agent.go",
        r#"
package api

import "net/http"

func PostAgent(c *gin.Context) {
	if err := store.CreateAgent(agent); err != nil {
		c.String(http.StatusInternalServerError, err.Error())
		return
	}
}

func GetBadge(c *gin.Context) {
	if err := store.Badge(); err != nil {
		c.String(http.StatusInternalServerError, err.Error())  // expect: RES011
		return
	}
}
"#,
    )
    .with_file(
        "server/router/api.go",
        "package router\n\nfunc apiRoutes(e *gin.RouterGroup) {\n\tagents := e.Group(\"/agents\")\n\t{\n\t\tagents.Use(session.MustAdmin())\n\t\tagents.POST(\"\", api.PostAgent)\n\t}\n\tadmin := e.Group(\"/admin/badges\")\n\t{\n\t\tadmin.GET(\"\", api.GetBadge)\n\t}\n}\n",
    ),
    // chi: a guarded group calls a setup function that registers the handler;
    // the same router's unguarded routes still answer anyone.
    Case::new(
        "server/nativeapi/native_api.go",
        r#"
package nativeapi

import "net/http"

func (api *Router) routes() http.Handler {
	r := chi.NewRouter()
	r.Group(func(r chi.Router) {
		r.Use(server.Authenticator(api.ds))
		api.addPlaylistRoute(r)
		r.With(adminOnlyMiddleware).Group(func(r chi.Router) {
			api.addPluginRoute(r)
		})
	})
	return r
}

func (api *Router) addPluginRoute(r chi.Router) {
	r.Route("/plugin", func(r chi.Router) {
		r.Post("/rescan", api.rescanPlugins)
	})
}

func (api *Router) addPlaylistRoute(r chi.Router) {
	r.Post("/playlist", api.importPlaylist)
}

func (api *Router) rescanPlugins(w http.ResponseWriter, r *http.Request) {
	if err := api.plugins.Rescan(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
	_ = savePluginConfig(w, r.URL.Query().Get("id"))
}

// Only the administrators' handler above calls this helper.
func savePluginConfig(w http.ResponseWriter, id string) error {
	if err := store.SaveConfig(id); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return err
	}
	return nil
}

func (api *Router) importPlaylist(w http.ResponseWriter, r *http.Request) {
	if err := api.playlists.Import(r.Body); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)  // expect: RES011
	}
}
"#,
    ),
    // Express: a router mounted only behind an administrators' guard.
    Case::new(
        "server/routes/settings/metadata.ts",
        r#"
import { Router } from 'express';

const metadataRoutes = Router();

metadataRoutes.post('/test', async (req, res) => {
  try {
    await testProviders();
  } catch (e) {
    return res.status(500).json({ error: e.message });
  }
});

export default metadataRoutes;
"#,
    )
    .with_file(
        "server/routes/index.ts",
        "import metadataRoutes from './settings/metadata';\nconst router = Router();\nrouter.use(checkUser);\nrouter.use('/settings/metadatas', isAuthenticated(Permission.ADMIN), metadataRoutes);\nexport default router;\n",
    ),
    Case::new(
        "server/routes/settings/metadata.ts",
        r#"
import { Router } from 'express';

const metadataRoutes = Router();

metadataRoutes.post('/test', async (req, res) => {
  try {
    await testProviders();
  } catch (e) {
    return res.status(500).json({ error: e.message });  // expect: RES011
  }
});

export default metadataRoutes;
"#,
    )
    .with_file(
        "server/routes/index.ts",
        "import metadataRoutes from './settings/metadata';\nconst router = Router();\nrouter.use('/settings/metadatas', isAuthenticated(), metadataRoutes);\nexport default router;\n",
    ),
    // The error of encoding the response or of writing it carries nothing of
    // the system (and a failed write never reaches the client); a store's does.
    Case::new(
        "svc/playlists.go",
        r##"
package svc

import (
	"encoding/json"
	"fmt"
	"net/http"
)

func Export(w http.ResponseWriter, r *http.Request) {
	body, err := json.Marshal(playlist)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_, err = w.Write(body) //nolint:gosec
	// the client may be gone
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if _, err := fmt.Fprintf(w, "#EXTM3U\n"); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if err := json.NewEncoder(w).Encode(playlist); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	rows, err := db.Query("SELECT * FROM tracks")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)  // expect: RES011
		return
	}
	_ = rows
}
"##,
    ),
    Case::new(
        "svc/ok.go",
        r#"
package svc

import "net/http"

func Get(w http.ResponseWriter, r *http.Request) {
	if err := validate(r); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := load(); err != nil {
		log.Printf("load: %v", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
	}
}
"#,
    ),
    Case::new(
        "server/api.ts",
        r#"
import express from 'express';

const app = express();
app.get('/orders/:id', async (req, res) => {
  try {
    res.json(await load(req.params.id));
  } catch (err) {
    res.status(500).json({ error: err.message });  // expect: RES011
  }
});
app.use((err, req, res, next) => {
  res.status(500).send(err.stack);  // expect: RES011
});
"#,
    ),
    Case::new(
        "server/ok.ts",
        r#"
import express from 'express';

const app = express();
app.get('/orders/:id', async (req, res) => {
  try {
    res.json(await load(req.params.id));
  } catch (err) {
    logger.error({ err }, 'load failed');
    res.status(500).json({ error: 'internal error' });
  }
});
app.use((err, req, res, next) => {
  res.status(err.statusCode).json(err.message);
});
"#,
    ),
    Case::new(
        "src/main/java/app/Api.java",
        r#"
package app;

class Api {
  ResponseEntity<?> get(String id) {
    try {
      return ResponseEntity.ok(load(id));
    } catch (Exception e) {
      return ResponseEntity.status(500).body(e.getMessage());  // expect: RES011
    }
  }
}
"#,
    ),
    Case::new(
        "src/main/java/app/Ok.java",
        r#"
package app;

class Ok {
  ResponseEntity<?> get(String id) {
    try {
      return ResponseEntity.ok(load(id));
    } catch (Exception e) {
      log.error("load failed", e);
      return ResponseEntity.status(500).body("internal error");
    }
  }

  ResponseEntity<?> create(String body) {
    try {
      return ResponseEntity.ok(save(body));
    } catch (Exception e) {
      return ResponseEntity.badRequest().body(e.getMessage());
    }
  }

  ResponseEntity<?> update(String body) {
    try {
      return ResponseEntity.ok(save(body));
    } catch (IllegalArgumentException | OrderNotFoundException e) {
      return ResponseEntity.status(500).body(e.getMessage());
    }
  }
}
"#,
    ),
];
