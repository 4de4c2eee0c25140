/** Every vendor the server speaks to, by name: the one place shared code finds a vendor's profile. */
import type { Vendor } from '../kinds.js';
import { EASEMOB } from './easemob.js';
import { LANYING } from './lanying.js';
import type { VendorProfile } from './vendor.js';

export const VENDORS: Readonly<Record<Vendor, VendorProfile>> = { lanying: LANYING, easemob: EASEMOB };
