/** Lanying: a user's devices (list, remove, kick) and their push-token bindings. */
import { z } from 'zod';
import { DESTROY_IDEMPOTENT, READ, SET } from '../define.js';
import { ACTING_HEADERS, DeviceSn, lanyingInput, lanyingToolset } from './params.js';

const tool = lanyingToolset('lanying_devices');

export const listDevices = tool({
  name: 'lanying_list_devices',
  title: 'List devices',
  doc: '1.7 Device list',
  description: "List a user's devices: device_sn (what the remove, kick and token tools take), platform, user agent.",
  http: { method: 'GET', path: '/user/device/list' },
  input: lanyingInput({}),
  targets: { user_id: 'user', group_id: 'group' },
  annotations: READ,
  output: {
    data: [{ device_sn: 'integer', platform: 'integer', user_agent: 'string', user_id: 'int64' }],
    cursor: 'string',
    version: 'int64',
  },
  notes:
    'The response has cursor and version beside data, but no request parameter takes a cursor: the tool returns what one call gives.',
});

export const removeDevice = tool({
  name: 'lanying_remove_device',
  title: 'Remove device',
  doc: '1.8 Delete device',
  description: "Delete one device from a user's device list; to only log it out use lanying_kick_device.",
  http: {
    method: 'DELETE',
    alsoDocumented: ['POST'],
    path: '/user/device/remove',
    query: ['device_sn'],
    headers: ACTING_HEADERS,
  },
  input: lanyingInput({ device_sn: DeviceSn }),
  targets: { user_id: 'user', device_sn: 'device', group_id: 'group' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: 'boolean' },
  preimage: 'lanying_device',
  preflight: ['not_found'],
  effect: 'The device record is deleted; it comes back only when that device logs in again.',
  checkWith: 'lanying_list_devices',
  notes:
    'Documented as DELETE and POST; we send DELETE with device_sn in the query and no body. Whether removal also ends the device session is undocumented.',
});

export const kickDevice = tool({
  name: 'lanying_kick_device',
  title: 'Kick device',
  doc: '1.12 Kick specified device',
  description: "Log a user's device out; without device_sn, all of the user's devices.",
  http: { method: 'PUT', alsoDocumented: ['POST'], path: '/user/kick', query: ['device_sn'] },
  input: lanyingInput({ device_sn: DeviceSn.optional() }),
  targets: { user_id: 'user', device_sn: 'device', group_id: 'group' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: 'boolean' },
  preimage: 'lanying_device',
  preflight: ['not_found'],
  effect: 'The device (or, without device_sn, all devices) is logged out; the user can log in again.',
  checkWith: 'lanying_list_devices',
  notes:
    'Documented as PUT and POST; we send PUT with device_sn in the query. Destructive (kicks, contract §3). Idempotent: kicking a logged-out device leaves the same state.',
});

export const bindDeviceToken = tool({
  name: 'lanying_bind_device_token',
  title: 'Bind device push token',
  doc: '1.38 Bind token',
  description: "Bind a push token (APNs/FCM/vendor) to one of a user's devices so it receives push notifications.",
  http: { method: 'PUT', alsoDocumented: ['POST'], path: '/user/token/bind' },
  input: lanyingInput({
    device_sn: DeviceSn,
    device_token: z.string().min(1).describe('OS push token'),
    notifier_name: z.string().min(1).describe('push certificate name'),
  }),
  targets: { user_id: 'user', device_sn: 'device', group_id: 'group' },
  annotations: SET,
  output: { data: 'boolean' },
  notes:
    'Documented as PUT and POST; we send PUT with a JSON body. "token" here is the device push token, not an access token. SET: binding the same token again leaves the same state. No read shows the binding, so no checkWith.',
});

export const unbindDeviceToken = tool({
  name: 'lanying_unbind_device_token',
  title: 'Unbind device push token',
  doc: '1.39 Unbind token',
  description: "Remove the push token of one of a user's devices; that device stops receiving push notifications.",
  http: {
    method: 'DELETE',
    alsoDocumented: ['POST'],
    path: '/user/token/unbind',
    query: ['deviceSn'],
    headers: ACTING_HEADERS,
  },
  input: lanyingInput({ deviceSn: DeviceSn.describe('a device_sn') }),
  targets: { user_id: 'user', deviceSn: 'device', group_id: 'group' },
  annotations: DESTROY_IDEMPOTENT,
  output: { data: {} },
  preimage: 'lanying_device',
  preflight: ['not_found'],
  effect:
    'The device stops receiving push notifications until its token is bound again with lanying_bind_device_token.',
  notes:
    'Documented as DELETE and POST; we send DELETE with the query parameter. The query name is camelCase deviceSn (seed and Swagger), unlike device_sn elsewhere: kept verbatim. Its data is an object, not a boolean.',
});
