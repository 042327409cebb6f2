// baocao serve: the page. The form is JSON Editor's, built from the report type's schema;
// every check, render and save is the server's (the same code as the command line).
"use strict";

const $ = (id) => document.getElementById(id);
const state = { editor: null, loai: null, types: [], seq: 0, errors: 1, timer: null, checks: 0 };

function status(text, isError) {
  const el = $("trang-thai");
  el.textContent = text;
  el.classList.toggle("loi", Boolean(isError));
}

async function api(method, url, body, raw) {
  const init = { method, headers: { "X-Baocao": "1" } };
  if (body !== undefined) {
    if (raw) { init.body = body; init.headers["Content-Type"] = "application/octet-stream"; }
    else { init.body = JSON.stringify(body); init.headers["Content-Type"] = "application/json"; }
  }
  return fetch(url, init);
}

async function json(response) {
  try { return await response.json(); } catch (e) { return { loi: "máy chủ trả lời không đọc được" }; }
}

async function loadTypes() {
  const response = await api("GET", "/api/loai");
  state.types = await response.json();
  const select = $("loai");
  select.innerHTML = "";
  for (const t of state.types) {
    const option = document.createElement("option");
    option.value = t.ten;
    option.textContent = `${t.tieu_de} (${t.ten})`;
    select.appendChild(option);
  }
  await files();
  await chooseType(select.value, null);
}

async function files() {
  const response = await api("GET", "/api/tep");
  const data = await response.json();
  const select = $("tep");
  select.innerHTML = '<option value="">—</option>';
  for (const name of data.tep) {
    const option = document.createElement("option");
    option.value = name; option.textContent = name;
    select.appendChild(option);
  }
  select.title = `Thư mục làm việc: ${data.thu_muc}`;
}

function fillExamples() {
  const type = state.types.find((t) => t.ten === state.loai);
  const select = $("vi-du");
  select.innerHTML = '<option value="">—</option>';
  for (const name of (type ? type.vi_du : [])) {
    const option = document.createElement("option");
    option.value = name; option.textContent = name;
    select.appendChild(option);
  }
  if (select.options.length > 1) select.selectedIndex = 1;
}

async function chooseType(loai, value) {
  state.loai = loai;
  $("loai").value = loai;
  fillExamples();
  const response = await api("GET", `/api/loai/${encodeURIComponent(loai)}/schema`);
  const schema = await response.json();
  $("khung-bang").hidden = !(schema.properties && schema.properties.bieu_tong_hop);
  build(schema, value || { loai });
}

// The form library's own buttons, in Vietnamese.
JSONEditor.defaults.languages.vi = Object.assign({}, JSONEditor.defaults.languages.en, {
  button_collapse: "Thu gọn", button_expand: "Mở rộng",
  button_add_row_title: "Thêm {{0}}", button_move_down_title: "Chuyển xuống",
  button_move_up_title: "Chuyển lên", button_delete_row_title: "Xóa {{0}}",
  button_delete_row_title_short: "Xóa", button_delete_all_title: "Xóa hết",
  button_copy_row_title: "Chép {{0}}", button_copy_row_title_short: "Chép", button_add: "Thêm",
  button_delete_all: "Tất cả", button_delete_last: "{{0}} cuối", button_delete_last_title: "Xóa {{0}} cuối",
  button_delete_node_warning: "Xóa mục này?",
});
JSONEditor.defaults.language = "vi";

// Number fields, two fixes to JSON Editor 2.17:
// - it loses a decimal given as the form's start value (a rate such as 2.33 read from a data
//   file): with use_default_values off, a number field nobody has typed in yet "should be
//   unset", and its own setValue then clears the input it has just filled. An empty number
//   field still gives no value without that rule, so number fields never use it;
// - a required number without a default starts at 0, so a blank form would report 0 poor
//   households nobody typed: it starts empty, and the check asks for it.
for (const kind of ["number", "integer"]) {
  const editor = JSONEditor.defaults.editors[kind];
  if (!editor) continue;
  editor.prototype.shouldBeUnset = () => false;
  editor.prototype.getDefault = function () { return this.schema.default; };
}

function build(schema, value) {
  if (state.editor) state.editor.destroy();
  document.body.dataset.sanSang = "0";
  const editor = new JSONEditor($("bieu-mau"), {
    schema, startval: value, theme: "html", iconlib: null,
    disable_edit_json: true, disable_properties: true, disable_collapse: false,
    disable_array_delete_all_rows: true, disable_array_delete_last_row: true,
    prompt_before_delete: false, show_errors: "never", remove_empty_properties: true,
    no_additional_properties: true, required_by_default: false, use_default_values: false,
    array_controls_top: false, form_name_root: "root",
  });
  state.editor = editor;
  state.builds = (state.builds || 0) + 1;
  document.body.dataset.bieuMau = String(state.builds);
  editor.on("ready", () => {
    editor.on("change", () => schedule());
    check();
  });
}

function schedule() {
  clearTimeout(state.timer);
  setBusy();
  state.timer = setTimeout(check, 250);
}

function setBusy() {
  document.body.dataset.sanSang = "0";
  for (const b of document.querySelectorAll(".can-hop-le")) b.disabled = true;
}

function value() { return state.editor.getValue(); }

async function check() {
  const seq = ++state.seq;
  const build = state.builds;
  setBusy();
  const response = await api("POST", "/api/kiem-tra", { du_lieu: value() });
  const data = await json(response);
  if (seq !== state.seq) return; // a newer check is on its way
  if (!response.ok) { status(data.loi || "không kiểm tra được", true); return; }
  state.errors = data.loi;
  show(data.phat_hien);
  for (const b of document.querySelectorAll(".can-hop-le")) b.disabled = data.loi > 0;
  const warnings = data.phat_hien.length - data.loi;
  if (data.loi > 0) status(`Có ${data.loi} lỗi cần sửa trước khi tạo văn bản` +
                           (warnings ? ` (và ${warnings} cảnh báo)` : ""), true);
  else status(warnings ? `Hợp lệ, có ${warnings} cảnh báo` : "Hợp lệ", false);
  state.checks += 1;
  document.body.dataset.lanKiemTra = String(state.checks);
  document.body.dataset.kiemTraCho = String(build);
  document.body.dataset.sanSang = "1";
}

// "bieu_tong_hop.dong[3].ho_ngheo" -> "root.bieu_tong_hop.dong.3.ho_ngheo"
function schemaPath(path) {
  return ["root", ...path.replace(/\[(\d+)\]/g, ".$1").split(".").filter(Boolean)].join(".");
}

function fieldEditor(path) {
  const parts = schemaPath(path).split(".");
  while (parts.length) {
    const editor = state.editor.getEditor(parts.join("."));
    if (editor && editor.container) return editor;
    parts.pop();
  }
  return state.editor.root;
}

function show(findings) {
  for (const el of document.querySelectorAll("#bieu-mau .baocao-phat-hien")) el.remove();
  for (const el of document.querySelectorAll("#bieu-mau .co-loi")) el.classList.remove("co-loi");
  const list = $("phat-hien");
  list.innerHTML = "";
  for (const f of findings) {
    const kind = f.severity === "error" ? "baocao-loi" : "baocao-canh-bao";
    const label = f.severity === "error" ? "Lỗi" : "Cảnh báo";
    const target = fieldEditor(f.path);
    const note = document.createElement("div");
    note.className = `baocao-phat-hien ${kind}`;
    note.dataset.path = f.path; note.dataset.code = f.code; note.dataset.severity = f.severity;
    note.textContent = `${label}: ${f.message} [${f.code}]`;
    target.container.appendChild(note);
    if (f.severity === "error") target.container.classList.add("co-loi");
    const item = document.createElement("li");
    item.className = kind;
    item.dataset.path = f.path; item.dataset.code = f.code;
    item.textContent = `${label}: ${f.path ? f.path + ": " : ""}${f.message} [${f.code}]`;
    item.addEventListener("click", () => target.container.scrollIntoView({ block: "center" }));
    list.appendChild(item);
  }
}

async function download(url, name) {
  status("Đang tạo tệp…");
  const response = await api("POST", url, { du_lieu: value() });
  if (!response.ok) {
    const data = await json(response);
    if (data.phat_hien) show(data.phat_hien);
    status(data.loi && typeof data.loi === "string" ? data.loi : "Còn lỗi: chưa tạo được tệp", true);
    return;
  }
  const blob = await response.blob();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  status(`Đã tải ${name}`);
}

function baseName() {
  const name = $("ten-luu").value.trim() || "bao-cao.yaml";
  return name.replace(/^.*\//, "").replace(/\.ya?ml$/, "");
}

async function preview() {
  const started = performance.now();
  status("Đang tạo bản xem trước…");
  const response = await api("POST", "/api/pdf?xem=1", { du_lieu: value() });
  const frame = $("khung-xem-truoc");
  if (!response.ok) {
    const data = await json(response);
    $("thong-bao-xem-truoc").textContent = typeof data.loi === "string" ? data.loi : "Còn lỗi: chưa xem trước được";
    $("thong-bao-xem-truoc").hidden = false;
    frame.hidden = true;
    status("Không xem trước được", true);
    return;
  }
  const blob = await response.blob();
  if (frame.src) URL.revokeObjectURL(frame.src);
  frame.src = URL.createObjectURL(blob);
  frame.hidden = false;
  $("thong-bao-xem-truoc").hidden = true;
  document.body.dataset.xemTruoc = String(Number(document.body.dataset.xemTruoc || 0) + 1);
  status(`Đã cập nhật bản xem trước (${Math.round(performance.now() - started)} ms)`);
}

async function openExample() {
  const name = $("vi-du").value;
  if (!name) return;
  const response = await api("GET", `/api/loai/${encodeURIComponent(state.loai)}/mau?vi_du=${encodeURIComponent(name)}`);
  const data = await json(response);
  if (!response.ok) { status(data.loi, true); return; }
  $("ten-luu").value = name;
  await chooseType(state.loai, data);
  status(`Đã mở ví dụ ${name}`);
}

async function openFile() {
  const name = $("tep").value;
  if (!name) return;
  const response = await api("GET", `/api/tep/${name.split("/").map(encodeURIComponent).join("/")}`);
  const data = await json(response);
  if (!response.ok) {
    if (data.phat_hien) show(data.phat_hien);
    status(typeof data.loi === "string" ? data.loi : "không mở được tệp", true);
    return;
  }
  if (!state.types.some((t) => t.ten === data.loai)) { status(`tệp «${name}» không ghi loại báo cáo đã biết`, true); return; }
  $("ten-luu").value = name;
  await chooseType(data.loai, data);
  status(`Đã mở ${name}`);
}

async function save() {
  const name = $("ten-luu").value.trim();
  const response = await api("POST", "/api/luu", { ten: name, du_lieu: value() });
  const data = await json(response);
  if (!response.ok) { status(data.loi, true); return; }
  await files();
  status(`Đã lưu ${data.da_luu}` + (data.loi ? ` (còn ${data.loi} lỗi)` : ""), data.loi > 0);
}

async function uploadTable(event) {
  const file = event.target.files[0];
  if (!file) return;
  const current = value();
  const query = new URLSearchParams({ loai: state.loai, ten: file.name, nam: current.nam || "" });
  const response = await api("POST", `/api/bang?${query}`, await file.arrayBuffer(), true);
  const data = await json(response);
  event.target.value = "";
  if (!response.ok) {
    status(`${data.loi}: ` + (data.phat_hien || []).map((f) => f.text).join("; "), true);
    return;
  }
  const bieu = state.editor.getEditor("root.bieu_tong_hop");
  const old = (current.bieu_tong_hop) || {};
  delete old.tep; delete old.trang;
  bieu.setValue({ ...old, dong: data.dong });
  status(`Đã đọc ${data.dong.length} dòng từ ${file.name}`);
}

window.addEventListener("DOMContentLoaded", () => {
  $("bieu-mau").addEventListener("submit", (event) => event.preventDefault());
  $("loai").addEventListener("change", () => chooseType($("loai").value, null));
  $("mau-trong").addEventListener("click", () => chooseType(state.loai, null));
  $("mo-vi-du").addEventListener("click", openExample);
  $("mo-tep").addEventListener("click", openFile);
  $("luu").addEventListener("click", save);
  $("tai-yaml").addEventListener("click", () => download("/api/yaml", `${baseName()}.yaml`));
  $("tai-docx").addEventListener("click", () => download("/api/docx", `${baseName()}.docx`));
  $("tai-pdf").addEventListener("click", () => download("/api/pdf", `${baseName()}.pdf`));
  $("xem-truoc").addEventListener("click", preview);
  $("bang").addEventListener("change", uploadTable);
  loadTypes().catch((e) => status(`không tải được trang: ${e}`, true));
});
