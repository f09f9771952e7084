//! RES001 in Java and Kotlin.

use super::Case;

pub(super) const CASES: &[Case] = &[
    // A Dropwizard command (`copy-to-s3`) runs when an operator starts it; a
    // managed object of the same service serves it.
    Case::new(
        "service/src/main/java/org/app/workers/CopyCommand.java",
        r#"
package org.app.workers;

import io.dropwizard.core.cli.Command;
import java.net.http.HttpClient;

public class CopyCommand extends Command {
  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    HttpClient client = HttpClient.newBuilder().build();
    client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
"#,
    )
    .with_file(
        "service/src/main/java/org/app/Uploader.java",
        "package org.app;\n\nimport java.net.http.HttpClient;\n\npublic class Uploader {\n  private final HttpClient client = HttpClient.newBuilder().build();  // expect: RES001\n}\n",
    ),
    // A default Apache client whose every request gets a RequestConfig with
    // timeouts (through the class's helper); not one whose request gets none.
    Case::new(
        "src/main/java/app/HttpRequestAdapter.java",
        r#"
package app;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.*;
import org.apache.http.impl.client.*;

class HttpRequestAdapter {
  String post(String url) throws Exception {
    CloseableHttpClient httpClient = HttpClients.createDefault();
    HttpPost httpMethod = new HttpPost(url);
    setRequestConfig(httpMethod);
    return read(httpClient.execute(httpMethod));
  }

  String delete(String url) throws Exception {
    CloseableHttpClient httpClient = HttpClients.createDefault();  // expect: RES001
    return read(httpClient.execute(new HttpDelete(url)));
  }

  void setRequestConfig(HttpRequestBase httpMethod) {
    RequestConfig requestConfig = RequestConfig.custom().setConnectTimeout(35000)
        .setSocketTimeout(60000).build();
    httpMethod.setConfig(requestConfig);
  }
}
"#,
    ),
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

  // A classpath resource is read from the jar, not the network.
  java.io.InputStream bundle(ClassLoader loader, String name) throws Exception {
    java.net.URL url = loader.getResource(name);
    return url.openConnection().getInputStream();
  }

  // The class's own JDBC helper, not URL.openConnection.
  java.sql.Connection query(String url, String user, String password) throws Exception {
    return openConnection(url, user, password);
  }

  private java.sql.Connection openConnection(String url, String user, String password) throws Exception {
    return java.sql.DriverManager.getConnection(url, user, password);
  }

  // A resource loader reads whatever its URL names (a jar entry, a file):
  // nothing says the connection goes over the network.
  boolean exists(java.net.URL url) throws Exception {
    java.net.URLConnection con = url.openConnection();
    con.setUseCaches(false);
    return con.getContentLengthLong() > 0;
  }
}
"#,
    ),
    Case::new(
        "src/main/java/app/Push.java",
        r#"
package app;

class Push {
  void ping(String target) throws Exception {
    java.io.InputStream in = new java.net.URL("https://push.example.com/" + target).openConnection().getInputStream();  // expect: RES001
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
