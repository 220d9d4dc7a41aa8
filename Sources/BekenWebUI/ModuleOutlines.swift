/// Drawings of Tuya modules for the page: pad number → GPIO (or the pad's function). Facts from LibreTiny
/// boards/_base/pcb/{cb2s,wb2s,t1-2s,cb3s,wb3s}.json (pad → chip pin) with boards/_base/ic/bk7231-qfn32.json and
/// bk7238-qfn32.json (chip pin → GPIO); CB2S TX1 on pad 7, RX1 on pad 5 and CB3S RX1/TX1 on pads 15/16 as in
/// Tuya's "CBx Series Modules" serial-port table. `row`: the pads in one row along the module's edge; `esp12`:
/// pads 1–8 down the left side, 9–16 up the right side, 17–22 along the bottom (ESP-12-style footprint).
enum ModuleOutlines {
    static let script = """
    const MODULES={
     'CB2S':{shape:'row',pads:['3V3',6,'GND',7,10,8,11,23,24,'CEN',26]},
     'WB2S':{shape:'row',pads:['3V3',8,'GND',7,10,6,11,23,24,'CEN',26]},
     'T1-2S':{shape:'row',pads:['3V3',26,'GND',6,10,8,11,1,9,'CEN',24]},
     'CB3S':{shape:'esp12',pads:['CEN',23,'CEN',14,26,24,6,'3V3','GND',9,0,21,8,7,10,11,23,22,21,20,'NC','NC']},
     'WB3S':{shape:'esp12',pads:['CEN',23,'CEN',14,26,24,6,'3V3','GND',7,0,1,9,8,10,11,23,22,21,20,'NC','NC']}};
    // Where each pad sits (x, y, w, h), where its number goes (nx, ny) and its GPIO label inside the outline (lx, ly).
    function padPlaces(shape,count){const out=[];
      if(shape==='esp12'){for(let i=0;i<count;i++){
        if(i<8)out.push({x:30,y:40+i*28,w:30,h:16,nx:24,ny:40+i*28+12,anchor:'end',lx:66,ly:40+i*28+12,lanchor:'start'});
        else if(i<16)out.push({x:250,y:40+(15-i)*28,w:30,h:16,nx:288,ny:40+(15-i)*28+12,anchor:'start',lx:244,ly:40+(15-i)*28+12,lanchor:'end'});
        else out.push({x:80+(i-16)*28,y:300,w:16,h:30,nx:80+(i-16)*28+8,ny:345,anchor:'middle',lx:80+(i-16)*28+8,ly:292,lanchor:'middle'})}
        return {width:310,height:355,body:[60,10,190,300],places:out}}
      for(let i=0;i<count;i++)out.push({x:20+i*36,y:100,w:22,h:32,nx:20+i*36+11,ny:150,anchor:'middle',lx:20+i*36+11,ly:92,lanchor:'middle'});
      return {width:Math.max(200,30+count*36),height:158,body:[10,10,Math.max(180,10+count*36),110],places:out}}

    """
}
