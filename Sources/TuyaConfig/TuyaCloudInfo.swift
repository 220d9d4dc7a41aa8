/// The non-secret facts of `gw_di`, `gw_bi` and `gw_wsm` (bk7231tools analysis/kvstorage.py): which Tuya product and firmware
/// this is, and whether the dump carries a paired device's credentials.
public struct TuyaCloudInfo: Sendable, Equatable {
    /// `gw_di.pk`, the product key (a public product id, e.g. `keyjup78v54myhan`).
    public var productKey: String?
    /// `gw_di.firmk`, the firmware key.
    public var firmwareKey: String?
    /// `gw_di.swv`, the Tuya firmware version.
    public var firmwareVersion: String?
    /// `gw_di.s_id`, the data-point schema id (also the name of the schema key in the store).
    public var schemaID: String?
    /// `gw_bi.ap_ssid` / `country_code`.
    public var apSSID: String?
    public var countryCode: String?
    /// `gw_wsm.region`.
    public var region: String?
    /// The device was registered with the cloud (`gw_di.id` set).
    public var activated: Bool
    /// Wi-Fi credentials are stored (`gw_wsm.ssid` set).
    public var wifiConfigured: Bool

    init(store: TuyaStore) {
        func value(_ name: String) -> TuyaValue? {
            store.keys.first { $0.name == name }.map(TuyaStoreValues.parse)
        }
        let di = value("gw_di")
        let bi = value("gw_bi")
        let wsm = value("gw_wsm")
        productKey = di?["pk"]?.scalarText
        firmwareKey = di?["firmk"]?.scalarText
        firmwareVersion = di?["swv"]?.scalarText
        schemaID = di?["s_id"]?.scalarText
        apSSID = bi?["ap_ssid"]?.scalarText
        countryCode = bi?["country_code"]?.scalarText
        region = wsm?["region"]?.scalarText
        activated = di?["id"]?.scalarText.map { !$0.isEmpty } ?? false
        wifiConfigured = wsm?["ssid"]?.scalarText.map { !$0.isEmpty } ?? false
    }
}

extension TuyaDeviceConfig {
    /// Product/firmware facts from the store (nil for boot logs and JSON).
    public var cloudInfo: TuyaCloudInfo? {
        store.map(TuyaCloudInfo.init(store:))
    }
}
