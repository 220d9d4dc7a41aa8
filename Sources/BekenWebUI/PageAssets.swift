/// The single page, embedded in the binary (no CDN, works offline): plain HTML, CSS and JavaScript.
/// It words the typed events the server streams (`EventWire`); the token comes from its own URL.
enum PageAssets {
    static let html = """
    <!doctype html>
    <html lang="en"><head><meta charset="utf-8"><title>bktool</title>
    <style>
    body{font:15px system-ui,sans-serif;margin:0;background:#f6f7f9;color:#222}
    header{background:#234;color:#fff;padding:10px 16px}header button{margin-left:8px}
    main{display:flex;gap:16px;padding:16px;flex-wrap:wrap}section{background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 1px 3px #0002;min-width:320px;flex:1}
    label{display:block;margin:6px 0 2px}input,select{width:100%;box-sizing:border-box;padding:4px}
    #drop{border:2px dashed #89a;padding:14px;text-align:center;margin:8px 0}
    #bar{height:18px;background:#dde;border-radius:4px;overflow:hidden}#fill{height:100%;width:0;background:#2a7}
    .step{color:#888}.step.on{color:#000;font-weight:bold}.step.ok{color:#2a7}
    #prompt{background:#ffd;padding:8px;display:none}#error{color:#b00;white-space:pre-wrap}.warn{color:#a60}
    .hidden{display:none}table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:2px 6px}
    </style></head><body>
    <header><b>bktool</b> — back up Tuya firmware and flash OpenBeken
    <button id="tabFlash">Flash</button><button id="tabInspect">Inspect a file</button></header>
    <main id="flashTab">
    <section><h3>1. Device and firmware</h3>
    <label for="port">Serial port</label><select id="port"></select>
    <button id="try">Try it on a virtual chip</button>
    <div id="drop">Drop the OpenBeken firmware here, or <input type="file" id="file"></div>
    <div id="fwname">No firmware chosen.</div>
    <label>Wi-Fi name</label><input id="wifi"><label>Wi-Fi password</label><input id="wifipw" type="password">
    <label>MQTT broker (host:port)</label><input id="mqtt"><label>MQTT user</label><input id="mqttuser">
    <label>MQTT password</label><input id="mqttpw" type="password"><label>Device name</label><input id="name">
    <p><button id="go">Back up and flash</button> <button id="cancel" disabled>Cancel</button></p></section>
    <section><h3>2. Progress</h3><ol id="steps"></ol>
    <div id="prompt">Reset the chip now: connect CEN to GND for a moment (or unplug and replug its power).</div>
    <div id="task"></div><div id="bar"><div id="fill"></div></div><div id="rate"></div>
    <div id="warnings"></div><div id="error"></div><div id="busy" class="hidden"></div>
    <div id="summary" class="hidden"><h3>Done</h3><p id="sumtext"></p>
    <a id="dlbackup">Download the backup</a> · <a id="dlsidecar">Download its sidecar</a></div></section>
    <section><h3>3. Pins</h3><div id="pins">Found after the backup.</div></section>
    </main>
    <main id="inspectTab" class="hidden"><section><h3>Inspect a dump or boot log</h3>
    <p>Use <code>bktool inspect FILE</code> and <code>bktool tuya-config FILE</code> for now.</p></section></main>
    <script>
    const token=new URLSearchParams(location.search).get('token')||'';
    const api=(p,q)=>'/api/'+p+'?token='+encodeURIComponent(token)+(q?'&'+q:'');
    const $=id=>document.getElementById(id);
    const stepNames=['Link with the chip','Check the firmware','Back up the whole flash','Read the pins','Build the OpenBeken config','Write','Verify','Reboot'];
    let firmware=null, firmwareName='', source=null, taskTotal=0, taskStart=0;
    function resetView(){$('steps').innerHTML=stepNames.map((n,i)=>'<li class="step" id="s'+(i+1)+'">'+n+'</li>').join('');
      $('error').textContent='';$('warnings').innerHTML='';$('summary').classList.add('hidden');$('busy').classList.add('hidden');$('fill').style.width='0';$('rate').textContent='';$('task').textContent=''}
    resetView();
    async function loadPorts(){const r=await fetch(api('ports'));const ports=await r.json();const sel=$('port'),keep=sel.value;
      sel.innerHTML=ports.map(p=>'<option value="'+p.path+'">'+p.path+' — '+p.description+'</option>').join('');if(keep)sel.value=keep}
    loadPorts();setInterval(loadPorts,2000);
    function useFile(f){const rd=new FileReader();rd.onload=()=>{firmware=new Uint8Array(rd.result);firmwareName=f.name;$('fwname').textContent=f.name+' ('+firmware.length+' bytes)'};rd.readAsArrayBuffer(f)}
    $('file').onchange=e=>useFile(e.target.files[0]);
    $('drop').ondragover=e=>e.preventDefault();$('drop').ondrop=e=>{e.preventDefault();useFile(e.dataTransfer.files[0])};
    $('try').onclick=async()=>{const r=await fetch(api('try','behaviour='+(window.tryBehaviour||'resets')),{method:'POST'});const j=await r.json();
      await loadPorts();$('port').value=j.port;const fw=await fetch(api('demo-firmware'));firmware=new Uint8Array(await fw.arrayBuffer());
      firmwareName='OpenBK7231N_demo.bin';$('fwname').textContent='synthetic OpenBeken demo image ('+firmware.length+' bytes)'};
    function b64(bytes){let s='';for(let i=0;i<bytes.length;i+=32768)s+=String.fromCharCode.apply(null,bytes.subarray(i,i+32768));return btoa(s)}
    $('go').onclick=async()=>{if(!firmware){$('error').textContent='Choose a firmware file first.';return}
      const port=$('port').value,[mh,mp]=$('mqtt').value.split(':');resetView();
      const body={port,firmwareName,firmwareBase64:b64(firmware),wifiSSID:$('wifi').value,wifiPassword:$('wifipw').value,
        mqttHost:mh||'',mqttPort:mp?parseInt(mp):1883,mqttUser:$('mqttuser').value,mqttPassword:$('mqttpw').value,name:$('name').value};
      const r=await fetch(api('flash'),{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify(body)});
      if(r.status==409){$('busy').textContent='Busy: another tab or window is already working on '+port+'.';$('busy').classList.remove('hidden');return}
      if(!r.ok){$('error').textContent=await r.text();return}
      localStorage.setItem('bktool-port',port);follow(port)};
    $('cancel').onclick=()=>fetch(api('cancel','port='+encodeURIComponent($('port').value)),{method:'POST'});
    function fmtBytes(n){return n>=1048576?(n/1048576).toFixed(2)+' MiB':(n/1024).toFixed(0)+' KiB'}
    const roleColour=r=>/Relay/.test(r)?'#e53':/Btn/.test(r)?'#37d':/LED|WifiLED/.test(r)?'#2a7':/BL0937|HLW|CF/.test(r)?'#a3c':'#888';
    function drawPins(pins){if(!pins||!pins.length){$('pins').textContent='No pins found in the backup.';return}
      const w=60+pins.length*40;let svg='<svg id="module" width="'+w+'" height="120"><rect x="10" y="10" width="'+(w-20)+'" height="70" rx="6" fill="#eef" stroke="#445"/>';
      pins.forEach((p,i)=>{const x=30+i*40;svg+='<g><title>P'+p.pin+': '+p.role+' '+p.channel+'</title><rect x="'+x+'" y="70" width="22" height="30" fill="'+roleColour(p.role)+'"/><text x="'+(x+11)+'" y="115" font-size="11" text-anchor="middle">P'+p.pin+'</text></g>'});
      svg+='</svg>';$('pins').innerHTML=svg+'<table><tr><th>GPIO</th><th>role</th><th>channel</th></tr>'+pins.map(p=>'<tr><td>P'+p.pin+'</td><td>'+p.role+'</td><td>'+p.channel+'</td></tr>').join('')+'</table>'}
    function mark(n,cls){const el=$('s'+n);if(el)el.className='step '+cls}
    function follow(port){if(source)source.close();$('cancel').disabled=false;$('go').disabled=true;$('port').value=port;
      source=new EventSource(api('events','port='+encodeURIComponent(port)));
      source.onmessage=m=>show(JSON.parse(m.data));
      source.addEventListener('end',()=>{source.close();$('cancel').disabled=true;$('go').disabled=false})}
    function show(e){switch(e.kind){
      case 'stepStarted':mark(e.step,'on');break;case 'stepFinished':mark(e.step,'ok');break;
      case 'resetPrompt':$('prompt').style.display='block';break;case 'linked':$('prompt').style.display='none';break;
      case 'identified':$('prompt').style.display='none';$('task').textContent='Found '+e.chip+', '+fmtBytes(e.total)+' flash';break;
      case 'taskStarted':taskTotal=e.total;taskStart=e.ms;$('task').textContent=e.task+' '+fmtBytes(e.total);$('fill').style.width='0';break;
      case 'progress':{const s=(e.ms-taskStart)/1000,rate=s>0?e.done/s:0,left=rate>0?(taskTotal-e.done)/rate:0;
        $('fill').style.width=(100*e.done/Math.max(1,taskTotal))+'%';$('rate').textContent=e.task+' '+fmtBytes(e.done)+' of '+fmtBytes(taskTotal)+' — '+fmtBytes(rate)+'/s, about '+Math.ceil(left)+' s left';break}
      case 'pinsFound':drawPins(e.pins);break;
      case 'warning':$('warnings').innerHTML+='<div class="warn">Warning: '+e.detail+'</div>';break;
      case 'resuming':$('warnings').innerHTML+='<div class="warn">Resuming an interrupted run.</div>';break;
      case 'failed':$('prompt').style.display='none';$('error').textContent=failureText(e);break;
      case 'done':{$('fill').style.width='100%';const b=e.backup.split('/').pop(),c=e.sidecar.split('/').pop();
        $('sumtext').textContent=e.chip+' now runs OpenBeken: '+e.done+' sectors written, '+e.total+' already identical. Backup: '+b;
        $('dlbackup').href=api('file','name='+encodeURIComponent(b));$('dlsidecar').href=api('file','name='+encodeURIComponent(c));$('summary').classList.remove('hidden');break}}}
    function failureText(e){if(e.code==='cancelled')return 'Cancelled. What was written is recorded: press "Back up and flash" again (or run bktool flash with the same backup directory) to resume.';
      if(/noResponse|silent|link/i.test(e.code))return 'No chip answers ('+e.code+'). Check the wiring (TX to RX, RX to TX, GND), then reset the chip when asked.';
      return 'Stopped: '+e.code+'\\n'+e.detail}
    const last=localStorage.getItem('bktool-port');
    if(last)fetch(api('job','port='+encodeURIComponent(last))).then(r=>{if(r.ok)follow(last)});
    $('tabFlash').onclick=()=>{$('flashTab').classList.remove('hidden');$('inspectTab').classList.add('hidden')};
    $('tabInspect').onclick=()=>{$('inspectTab').classList.remove('hidden');$('flashTab').classList.add('hidden')};
    </script></body></html>
    """
}
