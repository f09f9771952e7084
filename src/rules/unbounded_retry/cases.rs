//! RES005 pass and fail cases, per language.

use crate::rules::Case;

pub(super) const CASES: &[Case] = &[
    // Not retries: a loop that asks a person again, and one whose failure ends
    // the process.
    Case::new(
        "cmd/ui/main.go",
        r#"
package main

import "log"

func main() {
	for {
		email := PromptAndReadInput("Email:")
		if _, err := UpdateOrder(email); err != nil {
			log.Println("invalid email", err)
			continue
		}
		break
	}
	for {
		if err := Describe(); err != nil {
			log.Fatalln("describe failed", err)
		}
		if done() {
			break
		}
	}
}
"#,
    ),
    Case::new(
        "app/rates.py",
        r#"
import time
import backoff
from tenacity import retry, Retrying, stop_after_attempt

@retry  # expect: RES005
def a():
    pass

@retry(reraise=True)  # expect: RES005
def b():
    pass

@backoff.on_exception(backoff.expo, Exception)  # expect: RES005
def c():
    pass

def d():
    for attempt in Retrying():  # expect: RES005
        pass
    while True:  # expect: RES005
        try:
            return fetch()
        except Exception:
            time.sleep(1)
"#,
    ),
    Case::new(
        "app/ok.py",
        r#"
import time
import backoff
from tenacity import retry, stop_after_attempt, wait_exponential

@retry(stop=stop_after_attempt(3))
def a():
    pass

@backoff.on_exception(backoff.expo, Exception, max_tries=5)
def c():
    pass

def consume(queue):
    while True:
        try:
            handle(queue.get())
        except Exception:
            log.exception('failed')

def bounded():
    attempt = 0
    while True:
        attempt += 1
        try:
            return fetch()
        except Exception:
            if attempt >= 5:
                raise
            time.sleep(2 ** attempt)

# Waits for a condition, hands nothing back: a start-up wait for a dependency.
def wait_for_db():
    while True:
        try:
            db.ping()
            break
        except Exception:
            pass

# A listener restarted after each failure runs as long as the service does.
@retry(wait=wait_exponential(min=1, max=30))
def listen():
    while True:
        for message in pubsub.listen():
            dispatch(message)

def deadline():
    end = time.monotonic() + 30
    while True:
        if time.monotonic() > end:
            raise TimeoutError()
        try:
            return fetch()
        except Exception:
            time.sleep(1)
"#,
    ),
    Case::new(
        "svc/poll.go",
        r#"
package svc

import "time"

func Fetch() []byte {
	for {  // expect: RES005
		b, err := get()
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		return b
	}
}
"#,
    ),
    Case::new(
        "svc/ok.go",
        r#"
package svc

import "time"

func Fetch() ([]byte, error) {
	for attempt := 0; ; attempt++ {
		b, err := get()
		if err != nil {
			if attempt >= 4 {
				return nil, err
			}
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return b, nil
	}
}

func Serve() {
	for {
		msg, err := next()
		if err != nil {
			log.Print(err)
			continue
		}
		handle(msg)
	}
}
"#,
    ),
    Case::new(
        "svc/refresh.go",
        r#"
package svc

import "time"

func (c *Client) refresher() {
	ticker := time.NewTicker(c.every)
	defer ticker.Stop()
	for {
		select {
		case <-ticker.C:
			if err := c.refresh(); err != nil {
				if errors.Is(err, ErrNothingToDo) {
					continue
				}
				log.Println("refresh:", err)
			}
		case <-c.closer:
			return
		}
	}
}
"#,
    ),
    Case::new(
        "server/sync.ts",
        r#"
import express from 'express';

export async function load() {
  while (true) {  // expect: RES005
    try {
      return await fetchRates();
    } catch (err) {
      await sleep(1000);
    }
  }
}
"#,
    ),
    Case::new(
        "server/ok.ts",
        r#"
import express from 'express';

export async function load() {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await fetchRates();
    } catch (err) {
      await sleep(2 ** attempt * 100);
    }
  }
  while (true) {
    try {
      return await fetchRates();
    } catch (err) {
      throw err;
    }
  }
}
"#,
    ),
    Case::new(
        "src/main/java/app/Sync.java",
        r#"
package app;

class Sync {
  String load() {
    while (true) {  // expect: RES005
      try {
        return client.fetch();
      } catch (Exception e) {
        log.warn("retrying", e);
      }
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
  String load() throws Exception {
    int attempt = 0;
    while (true) {
      try {
        return client.fetch();
      } catch (Exception e) {
        if (++attempt >= 5) throw e;
        Thread.sleep(1000L << attempt);
      }
    }
  }
}
"#,
    ),
    Case::new(
        "src/sync.rs",
        r#"
async fn load() -> Rates {
    loop {  // expect: RES005
        match fetch().await {
            Ok(r) => return r,
            Err(e) => {
                tracing::warn!(error = %e, "retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}
"#,
    ),
    // A supervised background loop: it reports each failure, waits, and hands
    // nothing to a caller.
    Case::new(
        "src/worker.rs",
        r#"
impl Worker {
    pub async fn run(&self) {
        loop {
            match self.run_next_job().await {
                Ok(Some(_)) => continue,
                Ok(None) => break,
                Err(error) => {
                    error!("Failed to run job: {error}");
                    sleep(self.poll_interval).await;
                }
            }
        }
    }
}
"#,
    ),
    Case::new(
        "src/ok.rs",
        r#"
async fn load() -> Result<Rates, E> {
    let mut attempt = 0;
    loop {
        match fetch().await {
            Ok(r) => return Ok(r),
            Err(e) if attempt >= 5 => return Err(e),
            Err(_) => attempt += 1,
        }
    }
}
"#,
    ),
    Case::new(
        "src/main/kotlin/app/Sync.kt",
        r#"
package app

import org.springframework.stereotype.Service

class Sync {
    fun load(): String {
        while (true) {  // expect: RES005
            try {
                return client.fetch()
            } catch (e: Exception) {
                Thread.sleep(1000)
            }
        }
    }
}
"#,
    ),
    Case::new(
        "src/main/kotlin/app/Ok.kt",
        r#"
package app

import org.springframework.stereotype.Service

class Ok {
    fun load(): String {
        while (true) {
            try {
                return client.fetch()
            } catch (e: Exception) {
                throw e
            }
        }
    }
}
"#,
    ),
    Case::new(
        "bin/sync.dart",
        r#"
Future<String> load() async {
  while (true) {  // expect: RES005
    try {
      return await fetch();
    } catch (e) {
      await Future.delayed(const Duration(seconds: 1));
    }
  }
}
"#,
    )
    .on(crate::finding::Stack::Backend),
    Case::new(
        "bin/ok.dart",
        r#"
Future<String> load() async {
  while (true) {
    try {
      return await fetch();
    } catch (e) {
      rethrow;
    }
  }
}
"#,
    )
    .on(crate::finding::Stack::Backend),
];
