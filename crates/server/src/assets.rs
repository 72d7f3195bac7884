//! The page, embedded in the binary: it works offline, with no CDN and no
//! external font.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

const INDEX: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");

pub(crate) async fn page() -> Response {
    html(INDEX)
}

pub(crate) async fn asset(Path(name): Path<String>) -> Response {
    match name.as_str() {
        "app.js" => typed("text/javascript; charset=utf-8", APP_JS),
        "app.css" => typed("text/css; charset=utf-8", APP_CSS),
        _ => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

fn html(body: &'static str) -> Response {
    typed("text/html; charset=utf-8", body)
}

fn typed(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}
