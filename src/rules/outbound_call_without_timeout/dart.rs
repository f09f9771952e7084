//! RES001 in Dart server code (rare; CLI001 covers Flutter apps).

use super::Case;
use crate::finding::Stack;

pub(super) const CASES: &[Case] = &[
    Case::new(
        "bin/server.dart",
        r#"
import 'package:http/http.dart' as http;
import 'package:dio/dio.dart';

Future<void> f(Uri u) async {
  await http.get(u);  // expect: RES001
  final d = Dio(BaseOptions(connectTimeout: const Duration(seconds: 1)));  // expect: RES001
  final e = Dio();  // expect: RES001
}
"#,
    )
    .on(Stack::Backend),
    Case::new(
        "bin/ok.dart",
        r#"
import 'package:http/http.dart' as http;
import 'package:dio/dio.dart';

Future<void> f(Uri u) async {
  await http.get(u).timeout(const Duration(seconds: 5));
  final d = Dio(BaseOptions(connectTimeout: a, receiveTimeout: b));
  final e = Dio(opts);
}
"#,
    )
    .on(Stack::Backend),
];
