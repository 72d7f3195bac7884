//! The routes, authentication and limits.

use crate::{assets, App, Checked, Lang};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::Stream;
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::json;
use std::convert::Infallible;
use std::sync::Arc;
use tokio_stream::wrappers::WatchStream;

/// The whole HTTP surface.
pub(crate) fn router(app: Arc<App>) -> Router {
    let api = Router::new()
        .route("/check", post(check))
        .route("/view", post(view))
        .route("/rules", get(rules))
        .route("/rules/{*id}", get(rule))
        .route("/watched", get(watched))
        .route("/events", get(events))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(app.clone(), authenticate))
        .layer(DefaultBodyLimit::max(app.options.max_body));
    Router::new()
        .route("/", get(assets::page))
        .route("/assets/{name}", get(assets::asset))
        .nest("/api", api)
        .with_state(app)
}

/// An API error: the status and a message that says what to do.
struct ApiError {
    status: StatusCode,
    message: String,
    hint: &'static str,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>, hint: &'static str) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            hint,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": { "status": self.status.as_u16(), "message": self.message, "hint": self.hint } });
        (self.status, Json(body)).into_response()
    }
}

#[derive(Deserialize, Default)]
struct LangQuery {
    lang: Option<String>,
    /// The file name, for a raw body.
    name: Option<String>,
    /// The bearer token, for clients that cannot set a header (EventSource).
    #[allow(dead_code)]
    token: Option<String>,
}

impl LangQuery {
    fn lang(&self) -> Lang {
        Lang::parse(self.lang.as_deref())
    }
}

async fn not_found(Query(q): Query<LangQuery>) -> ApiError {
    let l = q.lang();
    ApiError::new(
        StatusCode::NOT_FOUND,
        l.pick("没有这个接口", "no such endpoint"),
        l.pick(
            "可用接口：POST /api/check、GET /api/rules、GET /api/rules/{规则}",
            "see docs/serve.md: POST /api/check, GET /api/rules, GET /api/rules/{id}",
        ),
    )
}

/// Every `/api` request carries the token when one is set: as
/// `Authorization: Bearer …`, or `?token=…` for the page's event stream.
async fn authenticate(
    State(app): State<Arc<App>>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    request: Request,
    next: Next,
) -> Response {
    let Some(token) = &app.options.token else {
        return next.run(request).await;
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .or(q.token.as_deref());
    if given.is_some_and(|g| same_secret(g.trim(), token)) {
        return next.run(request).await;
    }
    let l = q.lang();
    let mut response = ApiError::new(
        StatusCode::UNAUTHORIZED,
        l.pick("缺少或错误的访问令牌", "missing or wrong access token"),
        l.pick(
            "在请求头中加入 Authorization: Bearer <令牌>（令牌为启动 nblint serve 时的 --token）",
            "send Authorization: Bearer <token>, the --token nblint serve was started with",
        ),
    )
    .into_response();
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        header::HeaderValue::from_static("Bearer"),
    );
    response
}

/// Compares in time independent of where the strings differ.
fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The uploaded file: a multipart field named `file` (or the first one
/// with a file name), or the raw body.
async fn upload(q: &LangQuery, request: Request) -> Result<(String, Vec<u8>), ApiError> {
    let l = q.lang();
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !is_multipart {
        let name = q.name.clone().unwrap_or_else(|| "upload.txt".into());
        let body = Bytes::from_request(request, &())
            .await
            .map_err(|e| body_error(l, e.status()))?;
        return Ok((file_name(&name), body.to_vec()));
    }
    let mut form = Multipart::from_request(request, &())
        .await
        .map_err(|_| malformed(l))?;
    loop {
        let field = form
            .next_field()
            .await
            .map_err(|e| body_error(l, e.status()))?;
        let Some(field) = field else { break };
        let name = field.file_name().map(str::to_string);
        if field.name() == Some("file") || name.is_some() {
            let name = name
                .or_else(|| q.name.clone())
                .unwrap_or_else(|| "upload.txt".into());
            let bytes = field.bytes().await.map_err(|e| body_error(l, e.status()))?;
            return Ok((file_name(&name), bytes.to_vec()));
        }
    }
    Err(ApiError::new(
        StatusCode::BAD_REQUEST,
        l.pick("请求中没有文件", "the request holds no file"),
        l.pick(
            "以 multipart/form-data 的 file 字段上传报告，或直接以请求体发送并用 ?name=报告.docx 给出文件名",
            "send the report as the multipart field `file`, or as the raw body with ?name=report.docx",
        ),
    ))
}

/// The last component of a client-given name: it only tells the format.
fn file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name).trim();
    if last.is_empty() {
        "upload.txt".into()
    } else {
        last.chars().filter(|c| !c.is_control()).collect()
    }
}

fn body_error(l: Lang, status: StatusCode) -> ApiError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::new(
            status,
            l.pick("上传的文件超过大小上限", "the upload is larger than the limit"),
            l.pick(
                "压缩图片或拆分文件后重试，或请管理员以更大的 --max-upload 启动 nblint serve",
                "shrink the file, or ask the administrator to start nblint serve with a larger --max-upload",
            ),
        );
    }
    malformed(l)
}

fn malformed(l: Lang) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        l.pick(
            "请求体无法读取（multipart 格式有误）",
            "the request body cannot be read (malformed multipart)",
        ),
        l.pick(
            "用 curl -F file=@报告.docx 或浏览器表单上传",
            "upload with curl -F file=@report.docx or a browser form",
        ),
    )
}

/// Runs a check off the async runtime, within the concurrency and time
/// limits; a panic in it is a 500, not a dead server.
async fn run_check<T: Send + 'static>(
    app: &Arc<App>,
    l: Lang,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let busy = || {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            l.pick(
                "同时进行的检查过多，请稍后重试",
                "too many checks at once; try again shortly",
            ),
            l.pick("稍后重试", "retry after a few seconds"),
        )
    };
    // The permit goes with the work: a check that outlives its request
    // still counts against the limit until it really ends.
    let permit = tokio::time::timeout(app.options.queue_wait, app.checks.clone().acquire_owned())
        .await
        .map_err(|_| busy())?
        .map_err(|_| busy())?;
    let task = tokio::task::spawn_blocking(move || {
        let out = work();
        drop(permit);
        out
    });
    match tokio::time::timeout(app.options.timeout, task).await {
        Ok(Ok(out)) => Ok(out),
        Ok(Err(e)) if e.is_panic() => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            l.pick("检查时发生内部错误", "internal error while checking"),
            l.pick("请附上文件报告此问题", "please report this with the file attached"),
        )),
        Ok(Err(_)) => Err(busy()),
        Err(_) => Err(ApiError::new(
            StatusCode::GATEWAY_TIMEOUT,
            l.pick("检查超时", "the check took too long"),
            l.pick(
                "文件可能过大；拆分后重试，或请管理员调大 --timeout",
                "the file may be too large; split it, or ask the administrator for a larger --timeout",
            ),
        )),
    }
}

async fn checked_upload(
    app: &Arc<App>,
    q: &LangQuery,
    request: Request,
) -> Result<Checked, ApiError> {
    let (name, bytes) = upload(q, request).await?;
    let (backend, l) = (app.backend.clone(), q.lang());
    run_check(app, l, move || backend.check_upload(&name, bytes, l)).await
}

async fn check(
    State(app): State<Arc<App>>,
    Query(q): Query<LangQuery>,
    request: Request,
) -> Response {
    match checked_upload(&app, &q, request).await {
        Ok(c) => Json(c.json).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn view(
    State(app): State<Arc<App>>,
    Query(q): Query<LangQuery>,
    request: Request,
) -> Response {
    match checked_upload(&app, &q, request).await {
        Ok(c) => Json(json!({ "json": c.json, "view": c.view })).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn rules(State(app): State<Arc<App>>, Query(q): Query<LangQuery>) -> Json<serde_json::Value> {
    Json(app.backend.rules(q.lang()))
}

async fn rule(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let l = q.lang();
    match app.backend.rule(&id, l) {
        Some(r) => Json(r).into_response(),
        None => ApiError::new(
            StatusCode::NOT_FOUND,
            format!("{}: {id}", l.pick("没有这条规则", "no such rule")),
            l.pick(
                "GET /api/rules 列出全部规则",
                "GET /api/rules lists every rule",
            ),
        )
        .into_response(),
    }
}

async fn watched(State(app): State<Arc<App>>, Query(q): Query<LangQuery>) -> Response {
    let (backend, roots, l) = (app.backend.clone(), app.options.watch.clone(), q.lang());
    let version = *app.changes.borrow();
    let result = run_check(&app, l, move || {
        let files = backend.watched_files(&roots);
        backend.check_files(&files, l)
    })
    .await;
    match result {
        Ok(checked) => {
            let files: Vec<_> = checked
                .into_iter()
                .map(|c| json!({ "json": c.json, "view": c.view }))
                .collect();
            Json(json!({ "version": version, "files": files })).into_response()
        }
        Err(e) => e.into_response(),
    }
}

/// One `change` event each time a watched file changes (its data: the
/// version to ask `/api/watched` for), and a keep-alive comment.
async fn events(State(app): State<Arc<App>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut stopping = app.stopping.clone();
    let stopped = async move {
        let _ = stopping.wait_for(|s| *s).await;
    };
    let stream = WatchStream::new(app.changes.clone())
        .map(|version| Ok(Event::default().event("change").data(version.to_string())))
        .take_until(Box::pin(stopped));
    Sse::new(stream).keep_alive(KeepAlive::default())
}
