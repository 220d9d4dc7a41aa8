/// The page's script. It words the typed events the server streams (`EventWire`). Every piece of data (port names,
/// warnings, errors, pins, file names, reports) reaches the DOM as text: `textContent`, `createElement`,
/// `setAttribute` — never markup, so a hostile port description or pin name shows as text and runs nothing.
enum PageScript {
    static let script = #"""
    const token=new URLSearchParams(location.search).get('token')||'';
    const api=(p,q)=>'/api/'+p+'?token='+encodeURIComponent(token)+(q?'&'+q:'');
    const $=id=>document.getElementById(id);
    function el(tag,props,...kids){const n=document.createElement(tag);
      for(const [k,v] of Object.entries(props||{})){if(k==='class')n.className=v;else if(k==='text')n.textContent=v;else n.setAttribute(k,String(v))}
      for(const k of kids)if(k!==null&&k!==undefined)n.append(k);return n}
    function svg(tag,attrs,...kids){const n=document.createElementNS('http://www.w3.org/2000/svg',tag);
      for(const [k,v] of Object.entries(attrs||{}))n.setAttribute(k,String(v));for(const k of kids)n.append(k);return n}
    const stepNames=['Link with the chip','Check the firmware','Back up the whole flash','Read the pins','Build the OpenBeken config','Write','Verify','Reboot'];
    let firmware=null,firmwareName='',source=null,taskTotal=0,taskStart=0,roles=[],pinState={pins:[],module:null},reviewing=false,jobPort='';
    fetch(api('roles')).then(r=>r.json()).then(j=>{roles=j});
    function resetView(){$('steps').replaceChildren(...stepNames.map((n,i)=>el('li',{class:'step',id:'s'+(i+1),text:n})));
      $('error').replaceChildren();$('warnings').replaceChildren();$('summary').classList.add('hidden');$('busy').classList.add('hidden');
      $('fill').style.width='0';$('rate').textContent='';$('task').textContent='';$('review').classList.add('hidden');reviewing=false}
    resetView();
    function renderPorts(ports){const sel=$('port'),keep=sel.value;
      sel.replaceChildren(...ports.map(p=>new Option(p.path+' — '+p.description,p.path)));if(keep)sel.value=keep}
    async function loadPorts(){const r=await fetch(api('ports'));renderPorts(await r.json())}
    loadPorts();setInterval(loadPorts,2000);
    function useFile(f){const rd=new FileReader();rd.onload=()=>{firmware=new Uint8Array(rd.result);firmwareName=f.name;$('fwname').textContent=f.name+' ('+firmware.length+' bytes)'};rd.readAsArrayBuffer(f)}
    $('file').onchange=e=>useFile(e.target.files[0]);
    $('drop').ondragover=e=>e.preventDefault();$('drop').ondrop=e=>{e.preventDefault();useFile(e.dataTransfer.files[0])};
    $('try').onclick=async()=>{const r=await fetch(api('try','behaviour='+(window.tryBehaviour||'resets')),{method:'POST'});const j=await r.json();
      await loadPorts();$('port').value=j.port;const fw=await fetch(api('demo-firmware'));firmware=new Uint8Array(await fw.arrayBuffer());
      firmwareName='OpenBK7231N_demo.bin';$('fwname').textContent='synthetic OpenBeken demo image ('+firmware.length+' bytes)'};
    // The latest release's app image (UA) for the chosen chip (set from the chip the last run found).
    $('latest').onclick=async()=>{const chip=$('latestChip').value;$('fwname').textContent='Fetching the latest OpenBeken for '+chip+' …';
      const r=await fetch(api('latest','chip='+encodeURIComponent(chip)),{method:'POST'});
      if(!r.ok){let j={};try{j=await r.json()}catch(x){}
        $('fwname').textContent='Could not fetch the latest OpenBeken for '+chip+': '+(j.message||j.code||r.status)+(j.hint?' — next: '+j.hint:'');return}
      firmware=new Uint8Array(await r.arrayBuffer());firmwareName=r.headers.get('X-Firmware-Name')||(chip+'.bin');
      $('fwname').textContent=firmwareName+' ('+firmware.length+' bytes, release '+(r.headers.get('X-Firmware-Tag')||'?')+')'};
    function b64(bytes){let s='';for(let i=0;i<bytes.length;i+=32768)s+=String.fromCharCode.apply(null,bytes.subarray(i,i+32768));return btoa(s)}
    $('go').onclick=async()=>{if(!firmware){$('error').textContent='Choose a firmware file first.';return}
      const port=$('port').value,[mh,mp]=$('mqtt').value.split(':');resetView();
      const body={port,firmwareName,firmwareBase64:b64(firmware),wifiSSID:$('wifi').value,wifiPassword:$('wifipw').value,
        mqttHost:mh||'',mqttPort:mp?parseInt(mp):1883,mqttUser:$('mqttuser').value,mqttPassword:$('mqttpw').value,name:$('name').value,
        reviewPins:$('reviewPins').checked};
      const r=await fetch(api('flash'),{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify(body)});
      if(r.status==409){$('busy').textContent='Busy: another tab or window is already working on '+port+'.';$('busy').classList.remove('hidden');return}
      if(!r.ok){$('error').textContent=await r.text();return}
      localStorage.setItem('bktool-port',port);follow(port)};
    $('cancel').onclick=()=>fetch(api('cancel','port='+encodeURIComponent(jobPort||$('port').value)),{method:'POST'});
    function fmtBytes(n){return n>=1048576?(n/1048576).toFixed(2)+' MiB':(n/1024).toFixed(0)+' KiB'}
    const roleColour=r=>/^Rel/.test(r)?'#e53':/Btn/.test(r)?'#37d':/LED/.test(r)?'#2a7':/BL0937|HLW|CF|ADC/.test(r)?'#a3c':/PWM/.test(r)?'#d90':r==='None'?'#fff':'#888';
    // The module drawing: the outline named by the backup (MODULES), else every GPIO found in a row.
    function moduleDrawing(pins,module){const known=MODULES[(module||'').toUpperCase()];
      const byGpio={};for(const p of pins)byGpio[p.pin]=p;
      const pads=known?known.pads:pins.map(p=>p.pin);const shape=known?known.shape:'row';const g=padPlaces(shape,pads.length);
      const b=g.body;const picture=svg('svg',{id:'module',width:g.width,height:g.height,'data-module':known?module.toUpperCase():'generic'},
        svg('rect',{x:b[0],y:b[1],width:b[2],height:b[3],rx:6,fill:'#eef','stroke':'#445'}),
        svg('text',{x:b[0]+b[2]/2,y:b[1]+24,'text-anchor':'middle','font-size':14},known?module.toUpperCase():'module (outline unknown)'));
      pads.forEach((pad,i)=>{const at=g.places[i],gpio=typeof pad==='number'?pad:null,p=gpio!==null?byGpio[gpio]:null;
        const what=gpio===null?pad:'P'+gpio+(p?': '+p.role+' '+p.channel:': not used');
        const label=known?'pad '+(i+1)+' — '+what:what;
        picture.append(svg('g',{class:'pad','data-gpio':gpio===null?'':gpio,'data-role':p?p.role:''},svg('title',{},label),
          svg('rect',{x:at.x,y:at.y,width:at.w,height:at.h,fill:p?roleColour(p.role):(gpio===null?'#ccc':'#fff'),stroke:'#445'}),
          svg('text',{x:at.nx,y:at.ny,'font-size':10,'text-anchor':at.anchor},known?String(i+1):'P'+gpio),
          known?svg('text',{x:at.lx,y:at.ly,'font-size':9,'text-anchor':at.lanchor,fill:'#556'},gpio===null?pad:'P'+gpio):''))});
      return picture}
    function legend(){return el('div',{class:'legend'},...[['relay','#e53'],['button','#37d'],['LED','#2a7'],['metering / ADC','#a3c'],['PWM','#d90'],['other','#888']]
      .map(([n,c])=>el('span',{},el('i',{style:'background:'+c}),n)))}
    function pinTable(pins,editable){const rows=pins.map((p,i)=>{let role;
        if(editable){role=el('select',{'data-gpio':p.pin,class:'role'});const names=roles.includes(p.role)?roles:[p.role,...roles];
          role.replaceChildren(...names.map(n=>new Option(n,n)));role.value=p.role;
          role.onchange=()=>{pins[i].role=role.value;renderPins()}}
        else role=p.role;
        return el('tr',{},el('td',{text:'P'+p.pin}),el('td',{},role),el('td',{text:String(p.channel)}))});
      return el('table',{},el('tr',{},el('th',{text:'GPIO'}),el('th',{text:'role'}),el('th',{text:'channel'})),...rows)}
    function drawPins(target,pins,module,editable){if(!pins||!pins.length){target.textContent='No pins found.';return}
      target.replaceChildren(moduleDrawing(pins,module),legend(),pinTable(pins,editable))}
    function renderPins(){drawPins($('pins'),pinState.pins,pinState.module,reviewing);$('review').classList.toggle('hidden',!reviewing)}
    $('applyPins').onclick=async()=>{const pins={};for(const p of pinState.pins)pins[p.pin]=p.role+';'+p.channel;
      const r=await fetch(api('pins','port='+encodeURIComponent(jobPort)),{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify({pins})});
      if(!r.ok)$('error').textContent=await r.text()};
    function mark(n,cls){const e=$('s'+n);if(e)e.className='step '+cls}
    function follow(port){if(source)source.close();jobPort=port;$('cancel').disabled=false;$('go').disabled=true;$('port').value=port;
      source=new EventSource(api('events','port='+encodeURIComponent(port)));
      source.onmessage=m=>show(JSON.parse(m.data));
      source.addEventListener('end',()=>{source.close();$('cancel').disabled=true;$('go').disabled=false;reviewing=false;$('review').classList.add('hidden')})}
    function show(e){switch(e.kind){
      case 'stepStarted':mark(e.step,'on');break;case 'stepFinished':mark(e.step,'ok');break;
      case 'resetPrompt':$('prompt').style.display='block';break;case 'linked':$('prompt').style.display='none';break;
      case 'identified':{const k=(e.chip||'').toLowerCase();if([...$('latestChip').options].some(o=>o.value===k))$('latestChip').value=k}
        $('prompt').style.display='none';$('task').textContent='Found '+e.chip+', '+fmtBytes(e.total)+' flash';break;
      case 'taskStarted':taskTotal=e.total;taskStart=e.ms;$('task').textContent=e.task+' '+fmtBytes(e.total);$('fill').style.width='0';break;
      case 'progress':{const s=(e.ms-taskStart)/1000,rate=s>0?e.done/s:0,left=rate>0?(taskTotal-e.done)/rate:0;
        $('fill').style.width=(100*e.done/Math.max(1,taskTotal))+'%';$('rate').textContent=e.task+' '+fmtBytes(e.done)+' of '+fmtBytes(taskTotal)+' — '+fmtBytes(rate)+'/s, about '+Math.ceil(left)+' s left';break}
      case 'pinsFound':reviewing=false;pinState={pins:(e.pins||[]).map(p=>({...p})),module:e.module||null};renderPins();break;
      case 'reviewPins':reviewing=true;renderPins();break;
      case 'warning':$('warnings').append(el('div',{class:'warn',text:e.message||('warning: '+(e.detail||''))}),...(e.next||[]).map(n=>el('div',{class:'next',text:'Next: '+n})));break;
      case 'rfCalibrationMove':$('warnings').append(el('div',{class:'warn',text:'RF calibration'+(e.detail?' (MAC '+e.detail.toUpperCase()+')':'')+' is copied to 0x'+e.done.toString(16).toUpperCase()+', where OpenBeken reads it.'}));break;
      case 'macProven':$('warnings').append(el('div',{class:'warn',text:'The MAC reads back from 0x'+e.done.toString(16).toUpperCase()+': the device keeps its MAC.'}));break;
      case 'resuming':$('warnings').append(el('div',{class:'warn',text:'Resuming an interrupted run.'}));break;
      case 'failed':$('prompt').style.display='none';showFailure(e);break;
      case 'done':{$('fill').style.width='100%';const b=e.backup.split('/').pop(),c=e.sidecar.split('/').pop();
        $('sumtext').textContent=e.chip+' now runs OpenBeken: '+e.done+' sectors written, '+e.total+' already identical. Backup: '+b;
        $('dlbackup').href=api('file','name='+encodeURIComponent(b));$('dlsidecar').href=api('file','name='+encodeURIComponent(c));$('summary').classList.remove('hidden');break}}}
    // A failure: the sentence and next steps the server words from the typed error (the CLI's own wording), else the code.
    function showFailure(e){const box=$('error');
      box.replaceChildren(el('div',{class:'message',text:(e.code==='cancelled'?'Cancelled: ':'Stopped: ')+(e.message||e.detail||e.code)}),
        ...(e.next||[]).map(n=>el('div',{class:'next',text:'Next: '+n})));
      if(e.code==='cancelled')box.append(el('div',{class:'next',text:'On the command line, the same flash command with the same backup directory resumes too.'}))}
    const last=localStorage.getItem('bktool-port');
    if(last)fetch(api('job','port='+encodeURIComponent(last))).then(r=>{if(r.ok)follow(last)});
    $('tabFlash').onclick=()=>{$('flashTab').classList.remove('hidden');$('inspectTab').classList.add('hidden')};
    $('tabInspect').onclick=()=>{$('inspectTab').classList.remove('hidden');$('flashTab').classList.add('hidden')};
    // The second tab: a dropped file goes to /api/inspect (inspect + tuya-config + boot-log verdict, secrets hidden unless asked).
    let inspected=null;
    async function inspect(bytes,name){inspected={bytes,name};$('iresult').textContent='Inspecting '+name+' …';
      const r=await fetch(api('inspect','name='+encodeURIComponent(name)+($('secrets').checked?'&secrets=1':'')),{method:'POST',headers:{'Content-Type':'application/octet-stream'},body:bytes});
      if(!r.ok){$('iresult').textContent=await r.text();return}
      showInspection(await r.json())}
    function hex(n){return '0x'+n.toString(16).toUpperCase()}
    function showInspection(j){const rep=j.report,rows=[['File',j.name+' ('+j.size+' bytes)'],['Kind',rep.classification.kind],
        ['Chip',rep.chip.chip||'unknown'],['Boots',rep.verdict.boots+(rep.verdict.notes&&rep.verdict.notes.length?' — '+rep.verdict.notes.join('; '):'')]];
      if(j.writePlanOffset!==undefined&&j.writePlanOffset!==null)rows.push(['Would be written at',hex(j.writePlanOffset)]);
      if(j.refusal)rows.push(['Would not be written',j.refusal]);
      if(j.logVerdict)rows.push(['Boot log',j.logVerdict]);
      for(const f of j.findings)rows.push(['Finding: '+f.code,'next: '+f.next+(f.facts.length?' ('+f.facts.map(x=>x[0]+' '+x[1]).join(', ')+')':'')]);
      $('iresult').replaceChildren(el('dl',{id:'ifacts'},...rows.flatMap(([k,v])=>[el('dt',{text:k}),el('dd',{text:v})])));
      const t=j.tuya;if(t.error){$('ipins').textContent='No Tuya configuration: '+t.error;$('itext').textContent=''}
      else{drawPins($('ipins'),t.pins,t.module,false);$('itext').textContent=t.text}}
    function inspectFile(f){const rd=new FileReader();rd.onload=()=>inspect(new Uint8Array(rd.result),f.name);rd.readAsArrayBuffer(f)}
    $('ifile').onchange=e=>inspectFile(e.target.files[0]);
    $('idrop').ondragover=e=>e.preventDefault();$('idrop').ondrop=e=>{e.preventDefault();inspectFile(e.dataTransfer.files[0])};
    $('idemo').onclick=async()=>{const r=await fetch(api('demo-dump'));inspect(new Uint8Array(await r.arrayBuffer()),'synthetic-plug.bin')};
    $('secrets').onchange=()=>{if(inspected)inspect(inspected.bytes,inspected.name)};
    """#
}
