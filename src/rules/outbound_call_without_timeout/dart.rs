//! RES001 in Dart server code (rare; CLI001 covers Flutter apps).

use super::Case;
use crate::finding::Stack;

pub(super) const CASES: &[Case] = &[
    Case::fail(
        "bin/server.dart",
        "import 'package:http/http.dart' as http;\nimport 'package:dio/dio.dart';\n\nFuture<void> f(Uri u) async {\n  await http.get(u);\n  final d = Dio(BaseOptions(connectTimeout: const Duration(seconds: 1)));\n  final e = Dio();\n}\n",
        &[5, 6, 7],
    )
    .on(Stack::Backend),
    Case::pass(
        "bin/ok.dart",
        "import 'package:http/http.dart' as http;\nimport 'package:dio/dio.dart';\n\nFuture<void> f(Uri u) async {\n  await http.get(u).timeout(const Duration(seconds: 5));\n  final d = Dio(BaseOptions(connectTimeout: a, receiveTimeout: b));\n  final e = Dio(opts);\n}\n",
    )
    .on(Stack::Backend),
];
