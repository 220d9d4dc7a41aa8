/// The single page, embedded in the binary (no CDN, works offline): plain HTML and CSS here, the script in
/// `PageScript`, the module drawings in `ModuleOutlines`. The token comes from the page's own URL.
enum PageAssets {
    static var html: String { head + body + "<script>\n" + ModuleOutlines.script + PageScript.script + "</script></body></html>\n" }

    static let head = """
    <!doctype html>
    <html lang="en"><head><meta charset="utf-8"><title>bktool</title>
    <style>
    body{font:15px system-ui,sans-serif;margin:0;background:#f6f7f9;color:#222}
    header{background:#234;color:#fff;padding:10px 16px}header button{margin-left:8px}
    main{display:flex;gap:16px;padding:16px;flex-wrap:wrap}section{background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 1px 3px #0002;min-width:320px;flex:1}
    label{display:block;margin:6px 0 2px}input,select{width:100%;box-sizing:border-box;padding:4px}
    input[type=checkbox]{width:auto;margin-right:6px}td select,td input{width:auto}
    .drop{border:2px dashed #89a;padding:14px;text-align:center;margin:8px 0}
    #bar{height:18px;background:#dde;border-radius:4px;overflow:hidden}#fill{height:100%;width:0;background:#2a7}
    .step{color:#888}.step.on{color:#000;font-weight:bold}.step.ok{color:#2a7}
    #prompt{background:#ffd;padding:8px;display:none}.error{color:#b00;white-space:pre-wrap}.warn{color:#a60}
    .next{color:#333;margin:4px 0 0 0}.hidden{display:none}table{border-collapse:collapse;margin-top:8px}td,th{border:1px solid #ccd;padding:2px 6px}
    .legend span{display:inline-block;margin-right:10px}.legend i{display:inline-block;width:10px;height:10px;margin-right:3px}
    pre{white-space:pre-wrap;background:#f4f4f8;padding:8px;max-height:480px;overflow:auto}dt{font-weight:bold;margin-top:6px}
    #review{background:#eef6ff;padding:8px;margin-top:8px}
    </style></head><body>
    """

    static let body = """
    <header><b>bktool</b> — back up Tuya firmware and flash OpenBeken
    <button id="tabFlash">Flash</button><button id="tabInspect">Inspect a file</button></header>
    <main id="flashTab">
    <section><h3>1. Device and firmware</h3>
    <label for="port">Serial port</label><select id="port"></select>
    <button id="try">Try it on a virtual chip</button>
    <div id="drop" class="drop">Drop the OpenBeken firmware here, or <input type="file" id="file"></div>
    <div><button id="latest">Fetch the latest OpenBeken for</button> <select id="latestChip" style="width:auto">
    <option>bk7231n</option><option>bk7231t</option><option>bk7238</option><option>bk7231u</option><option>bk7252</option></select></div>
    <div id="fwname">No firmware chosen.</div>
    <label>Wi-Fi name</label><input id="wifi"><label>Wi-Fi password</label><input id="wifipw" type="password">
    <label>MQTT broker (host:port)</label><input id="mqtt"><label>MQTT user</label><input id="mqttuser">
    <label>MQTT password</label><input id="mqttpw" type="password"><label>Device name</label><input id="name">
    <label><input type="checkbox" id="reviewPins">Stop before writing so I can check and correct the pins</label>
    <p><button id="go">Back up and flash</button> <button id="cancel" disabled>Cancel</button></p></section>
    <section><h3>2. Progress</h3><ol id="steps"></ol>
    <div id="prompt">Reset the chip now: connect CEN to GND for a moment (or unplug and replug its power).</div>
    <div id="task"></div><div id="bar"><div id="fill"></div></div><div id="rate"></div>
    <div id="warnings"></div><div id="error" class="error"></div><div id="busy" class="hidden"></div>
    <div id="summary" class="hidden"><h3>Done</h3><p id="sumtext"></p>
    <a id="dlbackup">Download the backup</a> · <a id="dlsidecar">Download its sidecar</a></div></section>
    <section><h3>3. Pins</h3><div id="pins">Found after the backup.</div>
    <div id="review" class="hidden">The conversion waits: correct a role in the table if it is wrong, then
    <button id="applyPins">Write with these pins</button></div></section>
    </main>
    <main id="inspectTab" class="hidden">
    <section><h3>Inspect a dump or boot log</h3>
    <div id="idrop" class="drop">Drop a flash dump, a firmware file or a UART boot log here, or <input type="file" id="ifile"></div>
    <button id="idemo">Try it with a made-up plug's dump</button>
    <label><input type="checkbox" id="secrets">Show secrets (Wi-Fi password, keys); hidden by default</label>
    <div id="iresult">Nothing inspected yet.</div></section>
    <section><h3>Pins (tuya-config)</h3><div id="ipins"></div><h4>Report</h4><pre id="itext"></pre></section>
    </main>
    """
}
