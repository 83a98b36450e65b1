/** Numeric OIDs the demo devices serve, each with its MIB name. Objects only; instances are added by the builders. */

/** SNMPv2-MIB system group scalars. */
export const SYSTEM = {
  sysDescr: '1.3.6.1.2.1.1.1', // SNMPv2-MIB::sysDescr
  sysObjectID: '1.3.6.1.2.1.1.2', // SNMPv2-MIB::sysObjectID
  sysUpTime: '1.3.6.1.2.1.1.3', // SNMPv2-MIB::sysUpTime
  sysContact: '1.3.6.1.2.1.1.4', // SNMPv2-MIB::sysContact
  sysName: '1.3.6.1.2.1.1.5', // SNMPv2-MIB::sysName
  sysLocation: '1.3.6.1.2.1.1.6', // SNMPv2-MIB::sysLocation
  sysServices: '1.3.6.1.2.1.1.7', // SNMPv2-MIB::sysServices
} as const;

export const IF_NUMBER = '1.3.6.1.2.1.2.1'; // IF-MIB::ifNumber
export const IF_TABLE_LAST_CHANGE = '1.3.6.1.2.1.31.1.5'; // IF-MIB::ifTableLastChange

/** IF-MIB ifTable columns (ifEntry 1.3.6.1.2.1.2.2.1). */
export const IF_ENTRY = {
  ifIndex: '1.3.6.1.2.1.2.2.1.1', // IF-MIB::ifIndex
  ifDescr: '1.3.6.1.2.1.2.2.1.2', // IF-MIB::ifDescr
  ifType: '1.3.6.1.2.1.2.2.1.3', // IF-MIB::ifType
  ifMtu: '1.3.6.1.2.1.2.2.1.4', // IF-MIB::ifMtu
  ifSpeed: '1.3.6.1.2.1.2.2.1.5', // IF-MIB::ifSpeed
  ifPhysAddress: '1.3.6.1.2.1.2.2.1.6', // IF-MIB::ifPhysAddress
  ifAdminStatus: '1.3.6.1.2.1.2.2.1.7', // IF-MIB::ifAdminStatus
  ifOperStatus: '1.3.6.1.2.1.2.2.1.8', // IF-MIB::ifOperStatus
  ifLastChange: '1.3.6.1.2.1.2.2.1.9', // IF-MIB::ifLastChange
  ifInOctets: '1.3.6.1.2.1.2.2.1.10', // IF-MIB::ifInOctets
  ifInUcastPkts: '1.3.6.1.2.1.2.2.1.11', // IF-MIB::ifInUcastPkts
  ifInNUcastPkts: '1.3.6.1.2.1.2.2.1.12', // IF-MIB::ifInNUcastPkts (deprecated, still served by IOS)
  ifInDiscards: '1.3.6.1.2.1.2.2.1.13', // IF-MIB::ifInDiscards
  ifInErrors: '1.3.6.1.2.1.2.2.1.14', // IF-MIB::ifInErrors
  ifInUnknownProtos: '1.3.6.1.2.1.2.2.1.15', // IF-MIB::ifInUnknownProtos
  ifOutOctets: '1.3.6.1.2.1.2.2.1.16', // IF-MIB::ifOutOctets
  ifOutUcastPkts: '1.3.6.1.2.1.2.2.1.17', // IF-MIB::ifOutUcastPkts
  ifOutNUcastPkts: '1.3.6.1.2.1.2.2.1.18', // IF-MIB::ifOutNUcastPkts (deprecated)
  ifOutDiscards: '1.3.6.1.2.1.2.2.1.19', // IF-MIB::ifOutDiscards
  ifOutErrors: '1.3.6.1.2.1.2.2.1.20', // IF-MIB::ifOutErrors
  ifOutQLen: '1.3.6.1.2.1.2.2.1.21', // IF-MIB::ifOutQLen
  ifSpecific: '1.3.6.1.2.1.2.2.1.22', // IF-MIB::ifSpecific
} as const;

/** IF-MIB ifXTable columns (ifXEntry 1.3.6.1.2.1.31.1.1.1). */
export const IFX_ENTRY = {
  ifName: '1.3.6.1.2.1.31.1.1.1.1', // IF-MIB::ifName
  ifInMulticastPkts: '1.3.6.1.2.1.31.1.1.1.2', // IF-MIB::ifInMulticastPkts
  ifInBroadcastPkts: '1.3.6.1.2.1.31.1.1.1.3', // IF-MIB::ifInBroadcastPkts
  ifOutMulticastPkts: '1.3.6.1.2.1.31.1.1.1.4', // IF-MIB::ifOutMulticastPkts
  ifOutBroadcastPkts: '1.3.6.1.2.1.31.1.1.1.5', // IF-MIB::ifOutBroadcastPkts
  ifHCInOctets: '1.3.6.1.2.1.31.1.1.1.6', // IF-MIB::ifHCInOctets
  ifHCInUcastPkts: '1.3.6.1.2.1.31.1.1.1.7', // IF-MIB::ifHCInUcastPkts
  ifHCInMulticastPkts: '1.3.6.1.2.1.31.1.1.1.8', // IF-MIB::ifHCInMulticastPkts
  ifHCInBroadcastPkts: '1.3.6.1.2.1.31.1.1.1.9', // IF-MIB::ifHCInBroadcastPkts
  ifHCOutOctets: '1.3.6.1.2.1.31.1.1.1.10', // IF-MIB::ifHCOutOctets
  ifHCOutUcastPkts: '1.3.6.1.2.1.31.1.1.1.11', // IF-MIB::ifHCOutUcastPkts
  ifHCOutMulticastPkts: '1.3.6.1.2.1.31.1.1.1.12', // IF-MIB::ifHCOutMulticastPkts
  ifHCOutBroadcastPkts: '1.3.6.1.2.1.31.1.1.1.13', // IF-MIB::ifHCOutBroadcastPkts
  ifLinkUpDownTrapEnable: '1.3.6.1.2.1.31.1.1.1.14', // IF-MIB::ifLinkUpDownTrapEnable
  ifHighSpeed: '1.3.6.1.2.1.31.1.1.1.15', // IF-MIB::ifHighSpeed
  ifPromiscuousMode: '1.3.6.1.2.1.31.1.1.1.16', // IF-MIB::ifPromiscuousMode
  ifConnectorPresent: '1.3.6.1.2.1.31.1.1.1.17', // IF-MIB::ifConnectorPresent
  ifAlias: '1.3.6.1.2.1.31.1.1.1.18', // IF-MIB::ifAlias
  ifCounterDiscontinuityTime: '1.3.6.1.2.1.31.1.1.1.19', // IF-MIB::ifCounterDiscontinuityTime
} as const;

/** LLDP-MIB (IEEE 802.1AB-2005) local system data. */
export const LLDP_LOC = {
  lldpLocChassisIdSubtype: '1.0.8802.1.1.2.1.3.1', // LLDP-MIB::lldpLocChassisIdSubtype
  lldpLocChassisId: '1.0.8802.1.1.2.1.3.2', // LLDP-MIB::lldpLocChassisId
  lldpLocSysName: '1.0.8802.1.1.2.1.3.3', // LLDP-MIB::lldpLocSysName
  lldpLocSysDesc: '1.0.8802.1.1.2.1.3.4', // LLDP-MIB::lldpLocSysDesc
  lldpLocSysCapSupported: '1.0.8802.1.1.2.1.3.5', // LLDP-MIB::lldpLocSysCapSupported
  lldpLocSysCapEnabled: '1.0.8802.1.1.2.1.3.6', // LLDP-MIB::lldpLocSysCapEnabled
  // lldpLocPortEntry 1.0.8802.1.1.2.1.3.7.1, INDEX { lldpLocPortNum }
  lldpLocPortIdSubtype: '1.0.8802.1.1.2.1.3.7.1.2', // LLDP-MIB::lldpLocPortIdSubtype
  lldpLocPortId: '1.0.8802.1.1.2.1.3.7.1.3', // LLDP-MIB::lldpLocPortId
  lldpLocPortDesc: '1.0.8802.1.1.2.1.3.7.1.4', // LLDP-MIB::lldpLocPortDesc
} as const;

/** LLDP-MIB lldpRemEntry 1.0.8802.1.1.2.1.4.1.1, INDEX { lldpRemTimeMark, lldpRemLocalPortNum, lldpRemIndex }. */
export const LLDP_REM = {
  lldpRemChassisIdSubtype: '1.0.8802.1.1.2.1.4.1.1.4', // LLDP-MIB::lldpRemChassisIdSubtype
  lldpRemChassisId: '1.0.8802.1.1.2.1.4.1.1.5', // LLDP-MIB::lldpRemChassisId
  lldpRemPortIdSubtype: '1.0.8802.1.1.2.1.4.1.1.6', // LLDP-MIB::lldpRemPortIdSubtype
  lldpRemPortId: '1.0.8802.1.1.2.1.4.1.1.7', // LLDP-MIB::lldpRemPortId
  lldpRemPortDesc: '1.0.8802.1.1.2.1.4.1.1.8', // LLDP-MIB::lldpRemPortDesc
  lldpRemSysName: '1.0.8802.1.1.2.1.4.1.1.9', // LLDP-MIB::lldpRemSysName
  lldpRemSysDesc: '1.0.8802.1.1.2.1.4.1.1.10', // LLDP-MIB::lldpRemSysDesc
  lldpRemSysCapSupported: '1.0.8802.1.1.2.1.4.1.1.11', // LLDP-MIB::lldpRemSysCapSupported
  lldpRemSysCapEnabled: '1.0.8802.1.1.2.1.4.1.1.12', // LLDP-MIB::lldpRemSysCapEnabled
  // lldpRemManAddrEntry 1.0.8802.1.1.2.1.4.2.1, INDEX { timeMark, localPortNum, remIndex, addrSubtype, addr }
  lldpRemManAddrIfSubtype: '1.0.8802.1.1.2.1.4.2.1.3', // LLDP-MIB::lldpRemManAddrIfSubtype
  lldpRemManAddrIfId: '1.0.8802.1.1.2.1.4.2.1.4', // LLDP-MIB::lldpRemManAddrIfId
  lldpRemManAddrOID: '1.0.8802.1.1.2.1.4.2.1.5', // LLDP-MIB::lldpRemManAddrOID
} as const;

/** CISCO-CDP-MIB cdpCacheEntry 1.3.6.1.4.1.9.9.23.1.2.1.1, INDEX { cdpCacheIfIndex, cdpCacheDeviceIndex }. */
export const CDP_CACHE = {
  cdpCacheAddressType: '1.3.6.1.4.1.9.9.23.1.2.1.1.3', // CISCO-CDP-MIB::cdpCacheAddressType
  cdpCacheAddress: '1.3.6.1.4.1.9.9.23.1.2.1.1.4', // CISCO-CDP-MIB::cdpCacheAddress
  cdpCacheVersion: '1.3.6.1.4.1.9.9.23.1.2.1.1.5', // CISCO-CDP-MIB::cdpCacheVersion
  cdpCacheDeviceId: '1.3.6.1.4.1.9.9.23.1.2.1.1.6', // CISCO-CDP-MIB::cdpCacheDeviceId
  cdpCacheDevicePort: '1.3.6.1.4.1.9.9.23.1.2.1.1.7', // CISCO-CDP-MIB::cdpCacheDevicePort
  cdpCachePlatform: '1.3.6.1.4.1.9.9.23.1.2.1.1.8', // CISCO-CDP-MIB::cdpCachePlatform
  cdpCacheCapabilities: '1.3.6.1.4.1.9.9.23.1.2.1.1.9', // CISCO-CDP-MIB::cdpCacheCapabilities
  cdpCacheSysName: '1.3.6.1.4.1.9.9.23.1.2.1.1.17', // CISCO-CDP-MIB::cdpCacheSysName
} as const;

/** UBNT-UniFi-MIB unifiRadioEntry 1.3.6.1.4.1.41112.1.6.1.1.1, INDEX { unifiRadioIndex }. */
export const UNIFI_RADIO = {
  unifiRadioName: '1.3.6.1.4.1.41112.1.6.1.1.1.2', // UBNT-UniFi-MIB::unifiRadioName
  unifiRadioRadio: '1.3.6.1.4.1.41112.1.6.1.1.1.3', // UBNT-UniFi-MIB::unifiRadioRadio
  unifiRadioRxPackets: '1.3.6.1.4.1.41112.1.6.1.1.1.4', // UBNT-UniFi-MIB::unifiRadioRxPackets
  unifiRadioTxPackets: '1.3.6.1.4.1.41112.1.6.1.1.1.5', // UBNT-UniFi-MIB::unifiRadioTxPackets
  unifiRadioCuTotal: '1.3.6.1.4.1.41112.1.6.1.1.1.6', // UBNT-UniFi-MIB::unifiRadioCuTotal
  unifiRadioCuSelfRx: '1.3.6.1.4.1.41112.1.6.1.1.1.7', // UBNT-UniFi-MIB::unifiRadioCuSelfRx
  unifiRadioCuSelfTx: '1.3.6.1.4.1.41112.1.6.1.1.1.8', // UBNT-UniFi-MIB::unifiRadioCuSelfTx
  unifiRadioOtherBss: '1.3.6.1.4.1.41112.1.6.1.1.1.9', // UBNT-UniFi-MIB::unifiRadioOtherBss
} as const;

/** UBNT-UniFi-MIB unifiVapEntry 1.3.6.1.4.1.41112.1.6.1.2.1, INDEX { unifiVapIndex }. */
export const UNIFI_VAP = {
  unifiVapBssId: '1.3.6.1.4.1.41112.1.6.1.2.1.2', // UBNT-UniFi-MIB::unifiVapBssId
  unifiVapCcq: '1.3.6.1.4.1.41112.1.6.1.2.1.3', // UBNT-UniFi-MIB::unifiVapCcq
  unifiVapChannel: '1.3.6.1.4.1.41112.1.6.1.2.1.4', // UBNT-UniFi-MIB::unifiVapChannel
  unifiVapEssId: '1.3.6.1.4.1.41112.1.6.1.2.1.6', // UBNT-UniFi-MIB::unifiVapEssId
  unifiVapName: '1.3.6.1.4.1.41112.1.6.1.2.1.7', // UBNT-UniFi-MIB::unifiVapName
  unifiVapNumStations: '1.3.6.1.4.1.41112.1.6.1.2.1.8', // UBNT-UniFi-MIB::unifiVapNumStations
  unifiVapRadio: '1.3.6.1.4.1.41112.1.6.1.2.1.9', // UBNT-UniFi-MIB::unifiVapRadio
  unifiVapRxBytes: '1.3.6.1.4.1.41112.1.6.1.2.1.10', // UBNT-UniFi-MIB::unifiVapRxBytes
  unifiVapTxBytes: '1.3.6.1.4.1.41112.1.6.1.2.1.16', // UBNT-UniFi-MIB::unifiVapTxBytes
  unifiVapTxPower: '1.3.6.1.4.1.41112.1.6.1.2.1.21', // UBNT-UniFi-MIB::unifiVapTxPower
  unifiVapUp: '1.3.6.1.4.1.41112.1.6.1.2.1.22', // UBNT-UniFi-MIB::unifiVapUp
  unifiVapUsage: '1.3.6.1.4.1.41112.1.6.1.2.1.23', // UBNT-UniFi-MIB::unifiVapUsage
} as const;

/** UBNT-UniFi-MIB unifiApSystem scalars. */
export const UNIFI_SYSTEM = {
  unifiApSystemModel: '1.3.6.1.4.1.41112.1.6.3.3', // UBNT-UniFi-MIB::unifiApSystemModel
  unifiApSystemUptime: '1.3.6.1.4.1.41112.1.6.3.5', // UBNT-UniFi-MIB::unifiApSystemUptime
  unifiApSystemVersion: '1.3.6.1.4.1.41112.1.6.3.6', // UBNT-UniFi-MIB::unifiApSystemVersion
} as const;

/** MIKROTIK-MIB mtxrWlApEntry 1.3.6.1.4.1.14988.1.1.1.3.1, INDEX { mtxrWlApIndex } (= ifIndex of the wlan interface). */
export const MTXR_WL_AP = {
  mtxrWlApTxRate: '1.3.6.1.4.1.14988.1.1.1.3.1.2', // MIKROTIK-MIB::mtxrWlApTxRate
  mtxrWlApRxRate: '1.3.6.1.4.1.14988.1.1.1.3.1.3', // MIKROTIK-MIB::mtxrWlApRxRate
  mtxrWlApSsid: '1.3.6.1.4.1.14988.1.1.1.3.1.4', // MIKROTIK-MIB::mtxrWlApSsid
  mtxrWlApBssid: '1.3.6.1.4.1.14988.1.1.1.3.1.5', // MIKROTIK-MIB::mtxrWlApBssid
  mtxrWlApClientCount: '1.3.6.1.4.1.14988.1.1.1.3.1.6', // MIKROTIK-MIB::mtxrWlApClientCount
  mtxrWlApFreq: '1.3.6.1.4.1.14988.1.1.1.3.1.7', // MIKROTIK-MIB::mtxrWlApFreq
  mtxrWlApBand: '1.3.6.1.4.1.14988.1.1.1.3.1.8', // MIKROTIK-MIB::mtxrWlApBand
  mtxrWlApNoiseFloor: '1.3.6.1.4.1.14988.1.1.1.3.1.9', // MIKROTIK-MIB::mtxrWlApNoiseFloor
  mtxrWlApOverallTxCCQ: '1.3.6.1.4.1.14988.1.1.1.3.1.10', // MIKROTIK-MIB::mtxrWlApOverallTxCCQ
  mtxrWlApAuthClientCount: '1.3.6.1.4.1.14988.1.1.1.3.1.11', // MIKROTIK-MIB::mtxrWlApAuthClientCount
} as const;

/** AIRESPACE-WIRELESS-MIB bsnAPEntry 1.3.6.1.4.1.14179.2.2.1.1, INDEX { bsnAPDot3MacAddress } (6 sub-identifiers, no length). */
export const BSN_AP = {
  bsnAPDot3MacAddress: '1.3.6.1.4.1.14179.2.2.1.1.1', // AIRESPACE-WIRELESS-MIB::bsnAPDot3MacAddress
  bsnAPNumOfSlots: '1.3.6.1.4.1.14179.2.2.1.1.2', // AIRESPACE-WIRELESS-MIB::bsnAPNumOfSlots
  bsnAPName: '1.3.6.1.4.1.14179.2.2.1.1.3', // AIRESPACE-WIRELESS-MIB::bsnAPName
  bsnAPOperationStatus: '1.3.6.1.4.1.14179.2.2.1.1.6', // AIRESPACE-WIRELESS-MIB::bsnAPOperationStatus
} as const;

/** AIRESPACE-WIRELESS-MIB bsnAPIfEntry 1.3.6.1.4.1.14179.2.2.2.1, INDEX { bsnAPDot3MacAddress, bsnAPIfSlotId }. */
export const BSN_AP_IF = {
  bsnAPIfSlotId: '1.3.6.1.4.1.14179.2.2.2.1.1', // AIRESPACE-WIRELESS-MIB::bsnAPIfSlotId
  bsnAPIfType: '1.3.6.1.4.1.14179.2.2.2.1.2', // AIRESPACE-WIRELESS-MIB::bsnAPIfType
  bsnAPIfPhyChannelNumber: '1.3.6.1.4.1.14179.2.2.2.1.4', // AIRESPACE-WIRELESS-MIB::bsnAPIfPhyChannelNumber
  bsnAPIfPhyTxPowerLevel: '1.3.6.1.4.1.14179.2.2.2.1.6', // AIRESPACE-WIRELESS-MIB::bsnAPIfPhyTxPowerLevel
  bsnAPIfOperStatus: '1.3.6.1.4.1.14179.2.2.2.1.12', // AIRESPACE-WIRELESS-MIB::bsnAPIfOperStatus
  bsnApIfNoOfUsers: '1.3.6.1.4.1.14179.2.2.2.1.15', // AIRESPACE-WIRELESS-MIB::bsnApIfNoOfUsers
} as const;

/** AIRESPACE-WIRELESS-MIB bsnAPIfLoadParametersEntry 1.3.6.1.4.1.14179.2.2.13.1, INDEX { bsnAPDot3MacAddress, bsnAPIfSlotId }. */
export const BSN_AP_IF_LOAD = {
  bsnAPIfLoadChannelUtilization: '1.3.6.1.4.1.14179.2.2.13.1.3', // AIRESPACE-WIRELESS-MIB::bsnAPIfLoadChannelUtilization
  bsnAPIfLoadNumOfClients: '1.3.6.1.4.1.14179.2.2.13.1.4', // AIRESPACE-WIRELESS-MIB::bsnAPIfLoadNumOfClients
} as const;

/** AIRESPACE-WIRELESS-MIB bsnAPIfChannelNoiseInfoEntry 1.3.6.1.4.1.14179.2.2.15.1, INDEX { bsnAPDot3MacAddress, bsnAPIfSlotId, bsnAPIfNoiseChannelNo }. */
export const BSN_AP_IF_NOISE = {
  bsnAPIfDBNoisePower: '1.3.6.1.4.1.14179.2.2.15.1.21', // AIRESPACE-WIRELESS-MIB::bsnAPIfDBNoisePower
} as const;

/** AIRESPACE-WIRELESS-MIB bsnDot11EssEntry 1.3.6.1.4.1.14179.2.1.1.1, INDEX { bsnDot11EssIndex }. */
export const BSN_ESS = {
  bsnDot11EssSsid: '1.3.6.1.4.1.14179.2.1.1.1.2', // AIRESPACE-WIRELESS-MIB::bsnDot11EssSsid
  bsnDot11EssNumberOfMobileStations: '1.3.6.1.4.1.14179.2.1.1.1.38', // AIRESPACE-WIRELESS-MIB::bsnDot11EssNumberOfMobileStations
} as const;

/** UBNT-AirFIBER-MIB airFiberConfigEntry 1.3.6.1.4.1.41112.1.3.1.1, INDEX { airFiberConfigIndex }. */
export const AF_CONFIG = {
  airFiberConfigIndex: '1.3.6.1.4.1.41112.1.3.1.1.1', // UBNT-AirFIBER-MIB::airFiberConfigIndex
  radioEnable: '1.3.6.1.4.1.41112.1.3.1.1.2', // UBNT-AirFIBER-MIB::radioEnable
  txFrequency: '1.3.6.1.4.1.41112.1.3.1.1.5', // UBNT-AirFIBER-MIB::txFrequency (kHz as firmware answers, see profiles/wireless/ubiquiti.ts)
  rxFrequency: '1.3.6.1.4.1.41112.1.3.1.1.6', // UBNT-AirFIBER-MIB::rxFrequency
  txPower: '1.3.6.1.4.1.41112.1.3.1.1.9', // UBNT-AirFIBER-MIB::txPower (dBm)
  linkName: '1.3.6.1.4.1.41112.1.3.1.1.14', // UBNT-AirFIBER-MIB::linkName
  channelWidth: '1.3.6.1.4.1.41112.1.3.1.1.27', // UBNT-AirFIBER-MIB::channelWidth (MHz)
} as const;

/** UBNT-AirFIBER-MIB airFiberStatusEntry 1.3.6.1.4.1.41112.1.3.2.1, INDEX { airFiberStatusIndex }. */
export const AF_STATUS = {
  airFiberStatusIndex: '1.3.6.1.4.1.41112.1.3.2.1.1', // UBNT-AirFIBER-MIB::airFiberStatusIndex
  curTXModRate: '1.3.6.1.4.1.41112.1.3.2.1.2', // UBNT-AirFIBER-MIB::curTXModRate
  radioLinkDistM: '1.3.6.1.4.1.41112.1.3.2.1.4', // UBNT-AirFIBER-MIB::radioLinkDistM
  rxCapacity: '1.3.6.1.4.1.41112.1.3.2.1.5', // UBNT-AirFIBER-MIB::rxCapacity (bit/s)
  txCapacity: '1.3.6.1.4.1.41112.1.3.2.1.6', // UBNT-AirFIBER-MIB::txCapacity (bit/s)
  radio0TempC: '1.3.6.1.4.1.41112.1.3.2.1.8', // UBNT-AirFIBER-MIB::radio0TempC
  rxPower0: '1.3.6.1.4.1.41112.1.3.2.1.11', // UBNT-AirFIBER-MIB::rxPower0 (dBm)
  rxPower0Valid: '1.3.6.1.4.1.41112.1.3.2.1.12', // UBNT-AirFIBER-MIB::rxPower0Valid
  rxPower1: '1.3.6.1.4.1.41112.1.3.2.1.14', // UBNT-AirFIBER-MIB::rxPower1 (dBm)
  rxPower1Valid: '1.3.6.1.4.1.41112.1.3.2.1.15', // UBNT-AirFIBER-MIB::rxPower1Valid
  remoteTXPower: '1.3.6.1.4.1.41112.1.3.2.1.17', // UBNT-AirFIBER-MIB::remoteTXPower (dBm)
  remoteRXPower0: '1.3.6.1.4.1.41112.1.3.2.1.19', // UBNT-AirFIBER-MIB::remoteRXPower0 (dBm)
  remoteRXPower1: '1.3.6.1.4.1.41112.1.3.2.1.22', // UBNT-AirFIBER-MIB::remoteRXPower1 (dBm)
  radioLinkState: '1.3.6.1.4.1.41112.1.3.2.1.26', // UBNT-AirFIBER-MIB::radioLinkState
  fwVersion: '1.3.6.1.4.1.41112.1.3.2.1.40', // UBNT-AirFIBER-MIB::fwVersion
} as const;

/** IANAifType-MIB values the demo uses. */
export const IF_TYPE = {
  ethernetCsmacd: 6,
  softwareLoopback: 24,
  propVirtual: 53,
  ieee80211: 71,
  l2vlan: 135,
  bridge: 209,
} as const;

/** zeroDotZero (SNMPv2-SMI): the value of ifSpecific and lldpRemManAddrOID when there is nothing better. */
export const ZERO_DOT_ZERO = '0.0';
