//! RES001 in Java and Kotlin.

use super::Case;

pub(super) const CASES: &[Case] = &[
    Case::new(
        "src/main/java/app/Clients.java",
        r#"
package app;

import java.net.http.HttpClient;
import org.springframework.web.client.RestTemplate;
import org.apache.http.impl.client.HttpClients;

class Clients {
  HttpClient a = HttpClient.newHttpClient();  // expect: RES001
  HttpClient b = HttpClient.newBuilder()  // expect: RES001
      .followRedirects(HttpClient.Redirect.NORMAL)
      .build();
  RestTemplate rt = new RestTemplate();  // expect: RES001
  Object c = HttpClients.createDefault();  // expect: RES001

  void get(java.net.URL url) throws Exception {
    var conn = (java.net.HttpURLConnection) url.openConnection();  // expect: RES001
    conn.setConnectTimeout(1000);
    conn.getInputStream();
  }
}
"#,
    ),
    Case::new(
        "src/main/java/app/Ok.java",
        r#"
package app;

import java.net.http.HttpClient;
import java.time.Duration;
import okhttp3.OkHttpClient;

class Ok {
  HttpClient a = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  RestTemplate rt = new RestTemplate(factory);
  OkHttpClient ok = new OkHttpClient();

  void get(java.net.URL url) throws Exception {
    var conn = url.openConnection();
    conn.setConnectTimeout(1000);
    conn.setReadTimeout(1000);
  }
}
"#,
    ),
    Case::new(
        "src/main/kotlin/app/Clients.kt",
        r#"
package app

import java.net.http.HttpClient
import org.springframework.web.client.RestTemplate

class Clients {
    val a = HttpClient.newHttpClient()  // expect: RES001
    val rt = RestTemplate()  // expect: RES001
    fun get(url: java.net.URL) {
        val conn = url.openConnection()  // expect: RES001
        conn.connectTimeout = 1000
    }
}
"#,
    ),
    Case::new(
        "src/main/kotlin/app/Ok.kt",
        r#"
package app

import java.net.http.HttpClient
import java.time.Duration
import org.springframework.web.client.RestTemplate

class Ok {
    val a = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
    val rt = RestTemplate(factory)
    fun get(url: java.net.URL) {
        val conn = url.openConnection()
        conn.connectTimeout = 1000
        conn.readTimeout = 1000
    }
}
"#,
    ),
];
