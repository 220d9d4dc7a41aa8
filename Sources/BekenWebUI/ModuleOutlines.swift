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
    // Where each pad sits: [x, y, width, height] and where its number goes.
    function padPlaces(shape,count){const out=[];
      if(shape==='esp12'){for(let i=0;i<count;i++){
        if(i<8)out.push({x:10,y:40+i*28,w:30,h:16,nx:2,ny:40+i*28+12,anchor:'end'});
        else if(i<16)out.push({x:230,y:40+(15-i)*28,w:30,h:16,nx:268,ny:40+(15-i)*28+12,anchor:'start'});
        else out.push({x:60+(i-16)*28,y:300,w:16,h:30,nx:60+(i-16)*28+8,ny:345,anchor:'middle'})}
        return {width:290,height:355,body:[40,10,190,300],places:out}}
      for(let i=0;i<count;i++)out.push({x:20+i*36,y:100,w:22,h:32,nx:20+i*36+11,ny:150,anchor:'middle'});
      return {width:Math.max(200,30+count*36),height:158,body:[10,10,Math.max(180,10+count*36),110],places:out}}

    """
}
