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
    // A JDK client whose every request in the file sets its own `.timeout(…)`,
    // one copied from a base builder too: each exchange is bounded, the
    // connect included. One request without makes the client's finding stand.
    Case::new(
        "src/main/java/app/sink/HttpSink.java",
        r#"
package app.sink;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

class HttpSink {
  private final HttpClient client = HttpClient.newHttpClient();
  private final HttpRequest.Builder base;

  HttpSink(URI sink, Duration timeout) {
    base = HttpRequest
        .newBuilder(sink)
        .timeout(timeout)
        .setHeader("content-type", "application/json");
  }

  int send(String body) throws Exception {
    var request = base.copy().POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  int ping(URI health) throws Exception {
    var request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
"#,
    )
    .with_file(
        "src/main/java/app/sink/Probe.java",
        "package app.sink;\n\nimport java.net.URI;\nimport java.net.http.HttpClient;\nimport java.net.http.HttpRequest;\nimport java.net.http.HttpResponse;\nimport java.time.Duration;\n\nclass Probe {\n  private final HttpClient client = HttpClient.newHttpClient();  // expect: RES001\n\n  int probe(URI uri) throws Exception {\n    var timed = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();\n    client.send(timed, HttpResponse.BodyHandlers.discarding());\n    var request = HttpRequest.newBuilder(uri).GET().build();\n    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();\n  }\n}\n",
    ),
    // A JDK client handed to a class of the project whose file gives every
    // request its own timeout; handed to one whose requests have none, it
    // stands.
    Case::new(
        "src/main/java/app/auth/TokenAuthenticatorBuilder.java",
        r#"
package app.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

class TokenAuthenticatorBuilder {
  private HttpClient client;

  TokenAuthenticator build(URI uri, Duration timeout) {
    if (client == null) {
      client = HttpClient.newHttpClient();
    }
    return new TokenAuthenticator(client, uri, timeout);
  }

  LegacyAuthenticator legacy(URI uri) {
    HttpClient plain = HttpClient.newHttpClient();  // expect: RES001
    return new LegacyAuthenticator(plain, uri);
  }
}
"#,
    )
    .with_file(
        "src/main/java/app/auth/TokenAuthenticator.java",
        "package app.auth;\n\nimport java.net.URI;\nimport java.net.http.HttpClient;\nimport java.net.http.HttpRequest;\nimport java.net.http.HttpResponse;\nimport java.time.Duration;\n\nclass TokenAuthenticator {\n  private final HttpClient client;\n  private final HttpRequest.Builder auth;\n\n  TokenAuthenticator(HttpClient client, URI uri, Duration timeout) {\n    this.client = client;\n    this.auth = HttpRequest.newBuilder(uri).timeout(timeout);\n  }\n\n  String token() throws Exception {\n    return client.send(auth.GET().build(), HttpResponse.BodyHandlers.ofString()).body();\n  }\n}\n",
    )
    .with_file(
        "src/main/java/app/auth/LegacyAuthenticator.java",
        "package app.auth;\n\nimport java.net.URI;\nimport java.net.http.HttpClient;\nimport java.net.http.HttpRequest;\nimport java.net.http.HttpResponse;\n\nclass LegacyAuthenticator {\n  private final HttpClient client;\n  private final URI uri;\n\n  LegacyAuthenticator(HttpClient client, URI uri) {\n    this.client = client;\n    this.uri = uri;\n  }\n\n  String token() throws Exception {\n    var request = HttpRequest.newBuilder(uri).GET().build();\n    return client.send(request, HttpResponse.BodyHandlers.ofString()).body();\n  }\n}\n",
    ),
    // Kotlin: every request of the file sets `.timeout(…)`.
    Case::new(
        "src/main/kotlin/app/speed/SpeedClient.kt",
        r#"
package app.speed

import io.ktor.server.application.Application
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

class SpeedClient {
    private val httpClient = HttpClient.newHttpClient()

    fun lookup(uri: URI): String {
        val request = HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build()
        return httpClient.send(request, HttpResponse.BodyHandlers.ofString()).body()
    }
}
"#,
    ),
    // A default Apache client executing a request handed in: bounded where
    // every caller in the file configures the request it passes with a
    // RequestConfig that has timeouts; not where the config is built but never
    // applied.
    Case::new(
        "src/main/java/app/scrobbler/Scrobbler.java",
        r#"
package app.scrobbler;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.*;
import org.apache.http.impl.client.*;

class Scrobbler {
  private final RequestConfig requestConfig = RequestConfig.custom()
      .setConnectTimeout(15000)
      .setSocketTimeout(15000)
      .build();

  String[] get(String url) throws Exception {
    HttpGet method = new HttpGet(url);
    method.setConfig(requestConfig);
    return executeRequest(method);
  }

  String[] post(String url) throws Exception {
    HttpPost request = new HttpPost(url);
    request.setConfig(requestConfig);
    return executeRequest(request);
  }

  private String[] executeRequest(HttpUriRequest request) throws Exception {
    try (CloseableHttpClient client = HttpClients.createDefault()) {
      return client.execute(request, new BasicResponseHandler()).split("\n");
    }
  }
}
"#,
    )
    .with_file(
        "src/main/java/app/scrobbler/Submitter.java",
        r#"
package app.scrobbler;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.*;
import org.apache.http.impl.client.*;

class Submitter {
  private final RequestConfig requestConfig = RequestConfig.custom()
      .setConnectTimeout(15000)
      .build();

  String post(String url) throws Exception {
    return executeRequest(new HttpPost(url));
  }

  private String executeRequest(HttpUriRequest request) throws Exception {
    try (CloseableHttpClient client = HttpClients.createDefault()) {  // expect: RES001
      return client.execute(request, new BasicResponseHandler());
    }
  }
}
"#,
    ),
    // A Java class implementing AWS Lambda's `RequestHandler`: the platform
    // stops each invocation at the function's timeout.
    Case::new(
        "lambdas/hpms-counts/src/main/java/org/acme/hpms/HpmsCountsHandler.java",
        r#"
package org.acme.hpms;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.BasicHttpClientResponseHandler;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;

public class HpmsCountsHandler implements RequestStreamHandler {
    private final CloseableHttpClient httpClient;

    public HpmsCountsHandler() {
        this.httpClient = HttpClients.createDefault();
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) {
        try {
            String body = httpClient.execute(new HttpGet("https://hpms.example.gov/counts"), new BasicHttpClientResponseHandler());
            out.write(body.getBytes());
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
"#,
    ),
];
