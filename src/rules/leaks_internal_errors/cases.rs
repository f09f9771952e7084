//! RES011 pass and fail cases, per language.

use crate::rules::Case;

pub(super) const CASES: &[Case] = &[
    Case::fail(
        "app/api.py",
        "import traceback\nfrom fastapi import FastAPI, HTTPException\nfrom flask import jsonify\n\napp = FastAPI()\n\n@app.get('/orders/{oid}')\ndef get_order(oid: str):\n    try:\n        return load(oid)\n    except LookupError as e:\n        raise HTTPException(status_code=502, detail=str(e))\n    except Exception as exc:\n        raise HTTPException(500, f\"failed: {exc}\")\n\n@app.post('/sync')\ndef sync():\n    try:\n        run()\n    except Exception as e:\n        return {'error': str(e), 'trace': traceback.format_exc()}\n\ndef flask_view():\n    try:\n        run()\n    except Exception as err:\n        return jsonify(error=repr(err)), 500\n",
        &[12, 14, 21, 27],
    ),
    Case::pass(
        "app/ok.py",
        "from fastapi import FastAPI, HTTPException\n\napp = FastAPI()\n\n@app.get('/orders/{oid}')\ndef get_order(oid: str):\n    try:\n        return load(oid)\n    except Exception:\n        logger.exception('load failed')\n        raise HTTPException(status_code=500, detail='internal error')\n\ndef helper():\n    try:\n        run()\n    except Exception as e:\n        return str(e)\n\n@app.post('/orders')\ndef create(body: dict):\n    try:\n        return place(body)\n    except ValueError as e:\n        raise HTTPException(status_code=400, detail=f'invalid order: {e}')\n\nclass Tasks:\n    def on_chord_part_return(self, request, state):\n        try:\n            run()\n        except Exception as exc:\n            return self.error(f'chord failed: {exc!r}')\n",
    ),
    Case::fail(
        "svc/api.go",
        "package svc\n\nimport \"net/http\"\n\nfunc Get(w http.ResponseWriter, r *http.Request) {\n\tif err := load(); err != nil {\n\t\thttp.Error(w, err.Error(), http.StatusInternalServerError)\n\t\treturn\n\t}\n}\n\nfunc GinGet(c *gin.Context) {\n\tif err := load(); err != nil {\n\t\tc.JSON(500, gin.H{\"error\": err.Error()})\n\t}\n}\n",
        &[7, 14],
    ),
    Case::pass(
        "svc/ok.go",
        "package svc\n\nimport \"net/http\"\n\nfunc Get(w http.ResponseWriter, r *http.Request) {\n\tif err := validate(r); err != nil {\n\t\thttp.Error(w, err.Error(), http.StatusBadRequest)\n\t\treturn\n\t}\n\tif err := load(); err != nil {\n\t\tlog.Printf(\"load: %v\", err)\n\t\thttp.Error(w, \"internal error\", http.StatusInternalServerError)\n\t}\n}\n",
    ),
    Case::fail(
        "server/api.ts",
        "import express from 'express';\n\nconst app = express();\napp.get('/orders/:id', async (req, res) => {\n  try {\n    res.json(await load(req.params.id));\n  } catch (err) {\n    res.status(500).json({ error: err.message });\n  }\n});\napp.use((err, req, res, next) => {\n  res.status(500).send(err.stack);\n});\n",
        &[8, 12],
    ),
    Case::pass(
        "server/ok.ts",
        "import express from 'express';\n\nconst app = express();\napp.get('/orders/:id', async (req, res) => {\n  try {\n    res.json(await load(req.params.id));\n  } catch (err) {\n    logger.error({ err }, 'load failed');\n    res.status(500).json({ error: 'internal error' });\n  }\n});\napp.use((err, req, res, next) => {\n  res.status(err.statusCode).json(err.message);\n});\n",
    ),
    Case::fail(
        "src/main/java/app/Api.java",
        "package app;\n\nclass Api {\n  ResponseEntity<?> get(String id) {\n    try {\n      return ResponseEntity.ok(load(id));\n    } catch (Exception e) {\n      return ResponseEntity.status(500).body(e.getMessage());\n    }\n  }\n}\n",
        &[8],
    ),
    Case::pass(
        "src/main/java/app/Ok.java",
        "package app;\n\nclass Ok {\n  ResponseEntity<?> get(String id) {\n    try {\n      return ResponseEntity.ok(load(id));\n    } catch (Exception e) {\n      log.error(\"load failed\", e);\n      return ResponseEntity.status(500).body(\"internal error\");\n    }\n  }\n}\n",
    ),
];
