package app

import java.net.http.HttpClient
import org.springframework.web.client.RestTet org.springfralients {
    val a = HttpClient.newHttpClient()package app

import org.springfrans.__wBuilder().set











































  // expect: RES000
    val rt = RestTemplate()  // 









…


















exp












ec