import BekenChips
import Testing
@testable import BekenImage

/// Facts per real dump, checked against bk7231tools' dissection and the strings in
/// `shared/dumps/peer-outputs/*.txt` (docs/TESTING.md "Real data"; section 1: RBL containers and storage offset; section 2: bootloader and app
/// strings).
struct DumpFact: Sendable, CustomTestStringConvertible {
    let file: String
    let kind: ImageKind
    let chip: ChipKind?
    /// bk7231tools' name of the bootloader CRC.
    let bootloader: String?
    /// The bootloader's own string.
    let bootloaderString: String?
    let project: String?
    let appVersion: String?
    let tuyaStore: Int
    let boots: BootVerdict.Boots

    var testDescription: String { file }
}

let dumpFacts: [DumpFact] = [
    DumpFact(file: "Allegro_Berge_MI0014_30_x_5_cm_Milio.bin", kind: .fullDump, chip: .bk7231n,
             bootloader: "BK7231N_1_0_1", bootloaderString: "BK7231N_1.0.1", project: "oem_bk7231n_ceiling_light_ty",
             appVersion: "1.2.2", tuyaStore: 0x1EE000, boots: .yes),
    DumpFact(file: "BK7231N_LSPA9_Clone_First_ByDarkMan-topic3887748.bin", kind: .fullDump, chip: .bk7231n,
             bootloader: "BK7231N_1_0_1", bootloaderString: "BK7231N_1.0.1", project: "oem_bk7231n_plug",
             appVersion: "1.1.15", tuyaStore: 0x1EE000, boots: .yes),
    DumpFact(file: "BK7231N_LSPA9_Clone_Second_ByDarkMan-topic3887748.bin", kind: .fullDump, chip: .bk7231n,
             bootloader: "BK7231N_1_0_1", bootloaderString: "BK7231N_1.0.1", project: "oem_bk7231n_plug",
             appVersion: "1.1.12", tuyaStore: 0x1EE000, boots: .yes),
    // A 72 KiB Tuya KV region (key sector at 0x0), not a dump: bk7231tools' dissect_dump fails on it.
    DumpFact(file: "BK7231T_TuyaConfig_PC44HA.bin", kind: .tuyaStorage, chip: nil, bootloader: nil,
             bootloaderString: nil, project: nil, appVersion: nil, tuyaStore: 0x0, boots: .no),
    DumpFact(file: "Biltema_24264_A15_E27_CCT_Mini-Globe_Bulb.bin", kind: .fullDump, chip: .bk7231t,
             bootloader: "BK7231S_1_0_6", bootloaderString: "BK7231S_1.0.6", project: "oem_bk7231s_light_ty",
             appVersion: "2.9.16", tuyaStore: 0x1EE000, boots: .yes),
    DumpFact(file: "Brilo_8464455_Ceiling_Light.bin", kind: .fullDump, chip: .bk7231t,
             bootloader: "BK7231S_1_0_5", bootloaderString: "BK7231S_1.0.5", project: "oem_bk7231s_ceiling_light_ty",
             appVersion: "1.3.2", tuyaStore: 0x1EE000, boots: .yes),
    DumpFact(file: "Daybetter_FLSL501115WIFITY_RGB_LED_Strip.bin", kind: .fullDump, chip: .bk7231t,
             bootloader: "BK7231S_1_0_5", bootloaderString: "BK7231S_1.0.5", project: "oem_bk7231s_strip_ir_daybetter",
             appVersion: "1.1.9", tuyaStore: 0x1EE000, boots: .yes),
    // No project string in this TuyaMCU app (the peer output says "app project string: None").
    DumpFact(file: "ELEGRP_DPR10_Touch_Dimmer_Switch_TuyaMCU.bin", kind: .fullDump, chip: .bk7231n,
             bootloader: "BK7231N_1_0_1", bootloaderString: "BK7231N_1.0.1", project: nil, appVersion: nil,
             tuyaStore: 0x1EE000, boots: .yes),
    DumpFact(file: "Feconn_FE-MR16-5W_GU5.3_RGBCT_Bulb.bin", kind: .fullDump, chip: .bk7231n,
             bootloader: "BK7231N_1_0_1", bootloaderString: "BK7231N_1.0.1", project: "oem_bk7231n_light_ty",
             appVersion: "1.3.21", tuyaStore: 0x1EE000, boots: .yes),
    DumpFact(file: "Feit_SYW-BR30-RGBW-CA-AG_Bulb.bin", kind: .fullDump, chip: .bk7231t,
             bootloader: "BK7231S_1_0_5", bootloaderString: "BK7231S_1.0.5", project: "oem_bk7231s_light_ty",
             appVersion: "2.9.15", tuyaStore: 0x1EE000, boots: .yes),
    // bk7231tools' table calls this CRC 1.0.3; the bootloader's own string says 1.0.4 (as the peer output shows).
    DumpFact(file: "Globe_Electric_37783_RGBCT_Bulb_v2.0.0.bin", kind: .fullDump, chip: .bk7231t,
             bootloader: "BK7231S_1_0_3", bootloaderString: "BK7231S_1.0.4",
             project: "oem_bk7231s_light5_sm2135e_yamao", appVersion: "2.0.0", tuyaStore: 0x1EE000, boots: .yes),
    // Rotated (old Easy Flasher T backup): bk7231tools sees the app trailer at 0x118F0A, the bootloader at 0x1FFF9A
    // and the store at file 0x1DD000 = flash 0x1EE000.
    DumpFact(file: "LED_Moon_18W_CCT_Kobi.bin", kind: .rotatedDump, chip: .bk7231t,
             bootloader: "BK7231S_1_0_5", bootloaderString: "BK7231S_1.0.5", project: "oem_bk7231s_light_ty",
             appVersion: "2.9.16", tuyaStore: 0x1EE000, boots: .yes),
    DumpFact(file: "Mirabella_Genio_I003632_Plug.bin", kind: .fullDump, chip: .bk7231n,
             bootloader: "BK7231N_1_0_1", bootloaderString: "BK7231N_1.0.1", project: "oem_bk7231n_plug",
             appVersion: "1.1.7", tuyaStore: 0x1EE000, boots: .yes),
    DumpFact(file: "SmartLED_8044_1_Gange_Smart_Switch.bin", kind: .fullDump, chip: .bk7231n,
             bootloader: "BK7231N_1_0_1", bootloaderString: "BK7231N_1.0.1", project: "oem_bk7231n_dctrl_switch",
             appVersion: "1.0.2", tuyaStore: 0x1EE000, boots: .yes),
    DumpFact(file: "SmartLED_8046_2_Gang_Smart_Switch.bin", kind: .fullDump, chip: .bk7231n,
             bootloader: "BK7231N_1_0_1", bootloaderString: "BK7231N_1.0.1", project: "oem_bk7231n_dctrl_switch",
             appVersion: "1.0.2", tuyaStore: 0x1EE000, boots: .yes),
    DumpFact(file: "Tuya_Generic_AP-SMT-Breaker02-1CH_Smart_Relay.bin", kind: .fullDump, chip: .bk7231n,
             bootloader: "BK7231N_1_0_1", bootloaderString: "BK7231N_1.0.1", project: "oem_bk7231n_control_switch",
             appVersion: "1.2.1", tuyaStore: 0x1EE000, boots: .yes),
    DumpFact(file: "Tuya_Generic_DS-101JL_4_Gang_Smart_Switch.bin", kind: .fullDump, chip: .bk7231t,
             bootloader: "BK7231S_1_0_5", bootloaderString: "BK7231S_1.0.5",
             project: "oem_bk7231s_rnd_zero_dctrl_switch", appVersion: "1.1.5", tuyaStore: 0x1EE000, boots: .yes),
    DumpFact(file: "Tuya_Generic_TYWB_4CH-RF_Smart_Switch.bin", kind: .fullDump, chip: .bk7231n,
             bootloader: "BK7231N_1_0_1", bootloaderString: "BK7231N_1.0.1", project: "oem_bk7231n_control_switch",
             appVersion: "1.2.1", tuyaStore: 0x1EE000, boots: .yes),
]

@Suite struct RealDumpTests {
    @Test func everyDumpInTheFolderHasAFactRow() {
        #expect(DumpFixtures.names == dumpFacts.map(\.file).sorted())
    }

    @Test(arguments: dumpFacts)
    func dumpIsClassifiedCorrectly(_ fact: DumpFact) throws {
        let report = DumpAnalyzer.analyze(try DumpFixtures.bytes(fact.file))
        #expect(report.kind == fact.kind)
        #expect(report.chip.chip == fact.chip)
        #expect(!report.chip.isConflicting)
        #expect(report.bootloader?.tableName == fact.bootloader)
        #expect(report.bootloader?.versionString == fact.bootloaderString)
        #expect(report.app?.strings?.project == fact.project)
        #expect(report.app?.strings?.version == fact.appVersion)
        #expect(report.tuyaStore?.offset == fact.tuyaStore)
        #expect(report.verdict.boots == fact.boots, "\(report.verdict.reasons.map(\.message))")
        guard fact.kind != .tuyaStorage else {
            #expect(report.verdict.reasons.map(\.code) == [.notFirmware])
            return
        }
        #expect(report.verdict.reasons.isEmpty)
        // Same layout facts as bk7231tools: both RBL trailers where it found them, CRCs intact, RF sector per family.
        #expect(report.bootloader?.rbl?.offset == 0x10F9A && report.bootloader?.rbl?.name == "bootloader")
        #expect(report.app?.rbl?.offset == 0x129F0A && report.app?.rbl?.name == "app")
        #expect(report.app?.rbl?.payloadCRCValid == true && report.app?.rbl?.payloadHashValid == true)
        #expect(report.bootloader?.blocks?.isClean == true && report.app?.blocks?.isClean == true)
        #expect(report.rfCalibration?.offset == (fact.chip == .bk7231t ? 0x1E0000 : 0x1D0000))
        #expect(report.rfCalibration?.mac?.count == 17)
        let download = report.partitionTable?.entry(named: "download")?.offset
        #expect(download == (fact.chip == .bk7231t ? 0x132000 : 0x12A000))
        #expect(report.app?.key == "tuya" && report.bootloader?.key == "tuya")
        #expect(report.openBekenConfig == nil)  // stock Tuya devices
    }

    @Test func appContainerSizesMatchBk7231tools() throws {
        // bk7231tools dissect_dump prints the RBL container size (= size_package).
        let expected: [String: (UInt32, UInt32)] = [
            "Brilo_8464455_Ceiling_Light.bin": (0xDD20, 0x101C20),
            "Mirabella_Genio_I003632_Plug.bin": (0xEA20, 0xE8160),
            "Globe_Electric_37783_RGBCT_Bulb_v2.0.0.bin": (0xE470, 0xC3320),
        ]
        for (file, sizes) in expected {
            let report = DumpAnalyzer.analyze(try DumpFixtures.bytes(file))
            #expect(report.bootloader?.rbl?.packageSize == sizes.0)
            #expect(report.app?.rbl?.packageSize == sizes.1)
        }
    }
}
