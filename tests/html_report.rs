//! The failure-mode report's HTML page: self-contained, and rendered by a
//! real browser. The browser checks need Chromium (Debian's `chromium`,
//! which `.ci/run` installs); without one they say so and pass, unless
//! `FAULTLINE_REQUIRE_BROWSER` is set, as it is in CI.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn faultline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("faultline runs")
}

fn page() -> String {
    let out = faultline(&[
        "failure-modes",
        "examples/orders",
        "--no-cache",
        "--format",
        "html",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn html_page_of_the_orders_example() {
    let html = page();
    insta::assert_snapshot!("failure_modes_html", html);
    // The same content as the markdown: every interaction, both dual-write
    // verdicts, the design check, the safeguards in rank order.
    for needle in [
        "I1 <code>examples/orders/checkout/src/server.ts:14</code>",
        "<strong>Dual write</strong>",
        "<strong>Outbox</strong>",
        "<li value=\"1\"><strong>timeout</strong>",
        "<li value=\"4\"><strong>outbox</strong>",
        "<li class=\"design-contradicted\"><strong>contradicted</strong> (checkout → payments",
        "<g class=\"edge unsafe\">",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    assert_eq!(html.matches("<tr data-verdict=").count(), 11);
}

#[test]
fn html_page_needs_no_network() {
    let html = page().to_ascii_lowercase();
    for outside in [
        "http:", "https:", "src=", "<link", "@import", "//cdn", "<iframe",
    ] {
        assert!(!html.contains(outside), "the page reaches out: {outside}");
    }
    // Every `url(` is a reference inside the page (an SVG marker).
    for (at, _) in html.match_indices("url(") {
        assert!(html[at..].starts_with("url(#"), "{}", &html[at..at + 40]);
    }
}

/// The browser to render with, if this machine has one.
fn browser() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
        if let Ok(out) = Command::new("which").arg(name).output() {
            if out.status.success() {
                let p = String::from_utf8_lossy(&out.stdout).trim().to_string();
                if !p.is_empty() {
                    return Some(PathBuf::from(p));
                }
            }
        }
    }
    None
}

fn browser_or_skip() -> Option<PathBuf> {
    let found = browser();
    if found.is_none() {
        assert!(
            std::env::var_os("FAULTLINE_REQUIRE_BROWSER").is_none(),
            "FAULTLINE_REQUIRE_BROWSER is set but no chromium is installed"
        );
        eprintln!("skipped: no chromium on this machine (apt-get install chromium)");
    }
    found
}

fn headless(browser: &Path, profile: &Path, args: &[&str]) -> Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-extensions",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("the browser runs")
}

fn write_page(dir: &Path) -> String {
    let file = dir.join("report.html");
    std::fs::write(&file, page()).unwrap();
    format!("file://{}", file.display())
}

#[test]
fn html_page_renders_in_a_browser() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let url = write_page(dir.path());
    let shot = dir.path().join("shot.png");
    let out = headless(
        &browser,
        &dir.path().join("profile"),
        &[
            "--window-size=1280,1600",
            &format!("--screenshot={}", shot.display()),
            &url,
        ],
    );
    assert!(
        shot.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1280, 1600));
    let step = info.color_type.samples();
    assert!(step >= 3, "{:?}", info.color_type);
    let pixels: Vec<[u8; 3]> = buf[..info.buffer_size()]
        .chunks(step)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    let near = |p: &[u8; 3], c: [u8; 3]| p.iter().zip(c).all(|(a, b)| a.abs_diff(b) < 24);
    // The unsafe colour (badge, edges, verdicts), the component boxes' blue
    // and the queue's yellow are all drawn: the page and its SVG rendered.
    let red = pixels
        .iter()
        .filter(|p| near(p, [0xc6, 0x28, 0x28]))
        .count();
    let component = pixels
        .iter()
        .filter(|p| near(p, [0xdd, 0xf4, 0xff]))
        .count();
    let queue = pixels
        .iter()
        .filter(|p| near(p, [0xff, 0xf8, 0xc5]))
        .count();
    assert!(red > 2_000, "unsafe red: {red} pixels");
    assert!(component > 5_000, "component boxes: {component} pixels");
    assert!(queue > 1_000, "queue box: {queue} pixels");
    let white = pixels.iter().filter(|p| **p == [255, 255, 255]).count();
    assert!(white < pixels.len() * 95 / 100, "a blank page");
}

#[test]
fn html_matrix_filters_and_sorts_from_the_address() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let url = write_page(dir.path());
    let dom = |fragment: &str| {
        let out = headless(
            &browser,
            &dir.path().join("profile"),
            &["--dump-dom", &format!("{url}{fragment}")],
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let all = dom("");
    assert!(all.contains("data-ready=\"1\""), "the script did not run");
    assert!(all.contains("data-shown=\"11\""));
    assert!(all.contains("11 of 11 rows"));
    // Only the unsafe rows, sorted by failure (duplicate delivery first).
    let unsafe_only = dom("#verdict=unsafe&sort=failure");
    assert!(unsafe_only.contains("data-shown=\"5\""));
    assert!(unsafe_only.contains("5 of 11 rows"));
    let visible: Vec<&str> = unsafe_only
        .split("<tr data-verdict=")
        .skip(1)
        .filter(|r| !r.split('>').next().unwrap_or("").contains("hidden"))
        .collect();
    assert_eq!(visible.len(), 5);
    assert!(visible.iter().all(|r| r.starts_with("\"unsafe\"")));
    let failures: Vec<&str> = visible
        .iter()
        .map(|r| {
            r.split("data-failures=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
        })
        .collect();
    let mut sorted = failures.clone();
    sorted.sort_unstable();
    assert_eq!(failures, sorted);
    assert!(unsafe_only.contains("aria-sort=\"ascending\""));
    // A text filter narrows to the rows that mention it.
    let text = dom("#q=PAYMENT_PROVIDER_URL");
    assert!(text.contains("data-shown=\"2\""), "{}", text.len());
}
