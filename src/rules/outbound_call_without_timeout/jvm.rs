//! RES001 in Java and Kotlin.

use super::Case;

pub(super) const CASES: &[Case] = &[
    Case::fail(
        "src/main/java/app/Clients.java",
        "package app;\n\nimport java.net.http.HttpClient;\nimport org.springframework.web.client.RestTemplate;\nimport org.apache.http.impl.client.HttpClients;\n\nclass Clients {\n  HttpClient a = HttpClient.newHttpClient();\n  HttpClient b = HttpClient.newBuilder()\n      .followRedirects(HttpClient.Redirect.NORMAL)\n      .build();\n  RestTemplate rt = new RestTemplate();\n  Object c = HttpClients.createDefault();\n\n  void get(java.net.URL url) throws Exception {\n    var conn = (java.net.HttpURLConnection) url.openConnection();\n    conn.setConnectTimeout(1000);\n    conn.getInputStream();\n  }\n}\n",
        &[8, 9, 12, 13, 16],
    ),
    Case::pass(
        "src/main/java/app/Ok.java",
        "package app;\n\nimport java.net.http.HttpClient;\nimport java.time.Duration;\nimport okhttp3.OkHttpClient;\n\nclass Ok {\n  HttpClient a = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();\n  RestTemplate rt = new RestTemplate(factory);\n  OkHttpClient ok = new OkHttpClient();\n\n  void get(java.net.URL url) throws Exception {\n    var conn = url.openConnection();\n    conn.setConnectTimeout(1000);\n    conn.setReadTimeout(1000);\n  }\n}\n",
    ),
    Case::fail(
        "src/main/kotlin/app/Clients.kt",
        "package app\n\nimport java.net.http.HttpClient\nimport org.springframework.web.client.RestTemplate\n\nclass Clients {\n    val a = HttpClient.newHttpClient()\n    val rt = RestTemplate()\n    fun get(url: java.net.URL) {\n        val conn = url.openConnection()\n        conn.connectTimeout = 1000\n    }\n}\n",
        &[7, 8, 10],
    ),
    Case::pass(
        "src/main/kotlin/app/Ok.kt",
        "package app\n\nimport java.net.http.HttpClient\nimport java.time.Duration\nimport org.springframework.web.client.RestTemplate\n\nclass Ok {\n    val a = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()\n    val rt = RestTemplate(factory)\n    fun get(url: java.net.URL) {\n        val conn = url.openConnection()\n        conn.connectTimeout = 1000\n        conn.readTimeout = 1000\n    }\n}\n",
    ),
];
