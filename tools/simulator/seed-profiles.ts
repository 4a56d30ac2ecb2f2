import { buildProfile, ProfileSpec } from './profile-factory';
import type { SimProfile } from './simulator-api';

/**
 * The tenant a developer meets in `npm run dev` and most tests start from: realistic names, every
 * enrollment mode and token type, expired / never-created / already-revoked tokens, scope tags,
 * and deliberate name clashes ("Field Tablets" twice, "Delivery Drivers" vs "delivery drivers",
 * "Kiosk Lisbon" vs "Kiosk Lisbon Airport") so "several profiles match" can be tested.
 * Ids are stable across runs; dates are relative to `now`.
 * The token hygiene report (`report`, default thresholds 14 / 90 / 180 days) finds, relative to `now`:
 * renew soon: Engineering Pilot, Test – Do Not Use, Hospital Carts (Quiosque Recife, 15 days, just not);
 * long-lived: COPE Sales, Teams Rooms Android, Meeting Room Panels, Lobby Signage (HR Tablets, 90 days, just not);
 * no enrolled device: New Hires Onboarding, Lobby Signage (Digital Signage Braga has no token);
 * old token: Legacy Scanners (200 days), Lobby Signage (300 days).
 * Of the work profiles (seed-work-profiles.ts): renew soon Work Profile Contractors (12 days); no device
 * and long-lived Partner BYOD (never old: Intune keeps no token creation date for that kind).
 */
const SEEDS: ProfileSpec[] = [
  { key: 'kiosk-lisbon', displayName: 'Kiosk Lisbon', description: 'Self-service kiosks, Lisbon stores', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'active', expiresInDays: 45, enrolledDeviceCount: 42, deviceNameTemplate: 'KIOSK-LIS-{{SERIAL}}' },
  { key: 'kiosk-lisbon-airport', displayName: 'Kiosk Lisbon Airport', description: 'Check-in kiosks, terminal 1', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'active', expiresInDays: 80, enrolledDeviceCount: 9, roleScopeTagIds: ['0', '1'] },
  { key: 'kiosk-porto', displayName: 'Kiosk Porto', description: 'Self-service kiosks, Porto stores', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'active', expiresInDays: 30, enrolledDeviceCount: 17, roleScopeTagIds: ['0', '1'], deviceNameTemplate: 'KIOSK-OPO-{{SERIAL}}' },
  { key: 'kiosk-faro', displayName: 'Kiosk Faro', description: 'Seasonal kiosks', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'expired', enrolledDeviceCount: 5 },
  { key: 'warehouse-scanners', displayName: 'Warehouse Scanners', description: 'Zebra handhelds in the Azambuja warehouse', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'active', expiresInDays: 88, enrolledDeviceCount: 230, wifi: { ssid: 'WH-SCAN', password: 'Scan!Wh-2024-secret', security: 'wpa' }, deviceNameTemplate: 'WH-{{SERIAL}}' },
  { key: 'shared-retail-tablets', displayName: 'Shared Retail Tablets', description: 'Shared devices with Entra shared device mode', enrollmentMode: 'corporateOwnedDedicatedDevice', enrollmentTokenType: 'corporateOwnedDedicatedDeviceWithAzureADSharedMode', tokenState: 'active', expiresInDays: 60, enrolledDeviceCount: 64, roleScopeTagIds: ['0', '2'] },
  { key: 'cope-sales', displayName: 'COPE Sales', description: 'Corporate-owned phones with a work profile for the sales force', enrollmentMode: 'corporateOwnedWorkProfile', tokenState: 'active', expiresInDays: 300, enrolledDeviceCount: 120 },
  { key: 'fully-managed-executives', displayName: 'Fully Managed Executives', description: 'Board and executive phones', enrollmentMode: 'corporateOwnedFullyManaged', tokenState: 'active', expiresInDays: 20, enrolledDeviceCount: 12, roleScopeTagIds: ['0', '2'] },
  { key: 'field-tablets-north', displayName: 'Field Tablets', description: 'Field technicians, northern region', enrollmentMode: 'corporateOwnedFullyManaged', tokenState: 'active', expiresInDays: 50, enrolledDeviceCount: 33 },
  { key: 'field-tablets-south', displayName: 'Field Tablets', description: 'Field technicians, southern region', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'expired', enrolledDeviceCount: 8, roleScopeTagIds: ['0', '1'] },
  { key: 'delivery-drivers', displayName: 'Delivery Drivers', description: 'Rugged phones for drivers', enrollmentMode: 'corporateOwnedFullyManaged', tokenState: 'active', expiresInDays: 70, enrolledDeviceCount: 58 },
  { key: 'delivery-drivers-lower', displayName: 'delivery drivers', description: 'Old profile, kept for reporting', enrollmentMode: 'corporateOwnedFullyManaged', tokenState: 'expired', enrolledDeviceCount: 2 },
  { key: 'teams-rooms-android', displayName: 'Teams Rooms Android', description: 'Teams Rooms consoles', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'active', expiresInDays: 200, enrolledDeviceCount: 21, isTeamsDeviceProfile: true },
  { key: 'meeting-room-panels', displayName: 'Meeting Room Panels', description: 'Teams panels outside meeting rooms', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'active', expiresInDays: 150, enrolledDeviceCount: 40, isTeamsDeviceProfile: true },
  { key: 'hospital-carts', displayName: 'Hospital Carts', description: 'Medication carts', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'active', expiresInDays: 10, enrolledDeviceCount: 75, wifi: { ssid: 'HOSP-CLIN', password: 'Carts#Clin1c-pw', security: 'wpa', hidden: true } },
  { key: 'nurse-phones', displayName: 'Nurse Phones', description: 'Shared phones per ward', enrollmentMode: 'corporateOwnedDedicatedDevice', enrollmentTokenType: 'corporateOwnedDedicatedDeviceWithAzureADSharedMode', tokenState: 'active', expiresInDays: 35, enrolledDeviceCount: 150 },
  { key: 'pharmacy-kiosks', displayName: 'Pharmacy Kiosks', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'expired', enrolledDeviceCount: 14 },
  { key: 'staging-lab', displayName: 'Staging Lab', description: 'Pre-staged by the reseller', enrollmentMode: 'corporateOwnedFullyManaged', enrollmentTokenType: 'deviceStaging', tokenState: 'active', expiresInDays: 25, enrolledDeviceCount: 3 },
  { key: 'aosp-headsets', displayName: 'AOSP Headsets', description: 'VR training headsets', enrollmentMode: 'corporateOwnedAOSPUserlessDevice', tokenState: 'active', expiresInDays: 40, enrolledDeviceCount: 14, enrollmentTokenUsageCount: 14 },
  { key: 'aosp-smart-glasses', displayName: 'AOSP Smart Glasses', enrollmentMode: 'corporateOwnedAOSPUserAssociatedDevice', tokenState: 'active', expiresInDays: 55, enrolledDeviceCount: 6, enrollmentTokenUsageCount: 6, wifi: { ssid: 'GLASS-LAB', password: 'gl4ss-Lab-key', security: 'wep' } },
  { key: 'pos-coimbra', displayName: 'Point of Sale Coimbra', description: 'Handheld tills', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'active', expiresInDays: 65, enrolledDeviceCount: 22, roleScopeTagIds: ['0', '1'] },
  { key: 'signage-braga', displayName: 'Digital Signage Braga', description: 'Token never created', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'none', enrolledDeviceCount: 0 },
  { key: 'loaner-phones', displayName: 'Loaner Phones', description: 'Token revoked last week', enrollmentMode: 'corporateOwnedFullyManaged', tokenState: 'revoked', enrolledDeviceCount: 19 },
  { key: 'contractor-devices', displayName: 'Contractor Devices', enrollmentMode: 'corporateOwnedFullyManaged', tokenState: 'expired', enrolledDeviceCount: 27, roleScopeTagIds: ['3'] },
  { key: 'retail-handhelds-sao-paulo', displayName: 'Coletores Loja São Paulo', description: 'Coletores de dados das lojas de São Paulo', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'active', expiresInDays: 75, enrolledDeviceCount: 88, roleScopeTagIds: ['0', '4'] },
  { key: 'quiosque-recife', displayName: 'Quiosque Recife', description: 'Quiosques de autoatendimento', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'active', expiresInDays: 15, enrolledDeviceCount: 11, roleScopeTagIds: ['0', '4'] },
  { key: 'test-do-not-use', displayName: 'Test – Do Not Use', description: 'Intune admin sandbox', enrollmentMode: 'corporateOwnedFullyManaged', tokenState: 'active', expiresInDays: 5, enrolledDeviceCount: 1 },
  { key: 'engineering-pilot', displayName: 'Engineering Pilot', description: 'Token expires within hours', enrollmentMode: 'corporateOwnedFullyManaged', tokenState: 'active', expiresInDays: 0.1, enrolledDeviceCount: 4 },
  { key: 'hr-tablets', displayName: 'HR Tablets', description: 'Scoped to the HR scope tag only', enrollmentMode: 'corporateOwnedFullyManaged', tokenState: 'active', expiresInDays: 90, enrolledDeviceCount: 7, roleScopeTagIds: ['5'] },
  { key: 'new-hires-onboarding', displayName: 'New Hires Onboarding', description: 'No device enrolled yet', enrollmentMode: 'corporateOwnedWorkProfile', tokenState: 'active', expiresInDays: 85, enrolledDeviceCount: 0 },
  { key: 'legacy-scanners', displayName: 'Legacy Scanners', description: 'Token created long ago and still valid', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'active', expiresInDays: 60, tokenAgeDays: 200, enrolledDeviceCount: 12 },
  { key: 'lobby-signage', displayName: 'Lobby Signage', description: 'Long-lived, old token nobody uses', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'active', expiresInDays: 400, tokenAgeDays: 300, enrolledDeviceCount: 0 },
  { key: 'lab-devices-long-name', displayName: 'Research & Development Laboratory Devices <Building 7> "Restricted"', description: 'Name with characters that need escaping in cards and Markdown', enrollmentMode: 'corporateOwnedDedicatedDevice', tokenState: 'active', expiresInDays: 33, enrolledDeviceCount: 2 },
];

export function seedProfiles(now: Date = new Date()): SimProfile[] {
  return SEEDS.map((spec) => buildProfile(spec, now));
}
