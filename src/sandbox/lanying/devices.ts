/**
 * Lanying devices and push tokens: 1.7 device list, 1.8 delete device, 1.12 kick device(s),
 * 1.38 bind token, 1.39 unbind token.
 */
import { intParam, type Router } from '../http.js';
import {
  badParam,
  currentUser,
  jsonBody,
  type LanyingContext,
  ok,
  PUT_OR_POST,
  queryInt,
  requiredInt,
  requiredString,
} from './common.js';

export function registerDeviceRoutes(router: Router<LanyingContext>): void {
  router
    // 1.7 Device list
    .add('GET', '/user/device/list', (ctx) => {
      const user = currentUser(ctx);
      const data = user.devices.map((d) => ({
        device_sn: d.device_sn,
        platform: d.platform,
        user_agent: d.user_agent,
        user_id: user.user_id,
      }));
      return ok(data, { version: ctx.state.lanying.deviceVersion });
    })
    // 1.8 Delete device
    .add(['DELETE', 'POST'], '/user/device/remove', (ctx) => {
      const user = currentUser(ctx);
      const sn = queryInt(ctx, 'device_sn');
      if (!user.devices.some((d) => d.device_sn === sn)) throw badParam(`device_sn ${sn} does not exist`);
      user.devices = user.devices.filter((d) => d.device_sn !== sn);
      user.bound_tokens = user.bound_tokens.filter((t) => t.device_sn !== sn);
      ctx.state.lanying.deviceVersion++;
      return ok(true);
    })
    // 1.12 Kick specified device (no device_sn: all devices)
    .add(PUT_OR_POST, '/user/kick', (ctx) => {
      const user = currentUser(ctx);
      const sn = intParam(ctx.req.query, 'device_sn');
      if (sn === undefined) {
        for (const d of user.devices) d.online = false;
        return ok(true);
      }
      if (Number.isNaN(sn)) throw badParam('device_sn must be an integer');
      const device = user.devices.find((d) => d.device_sn === sn);
      if (!device) throw badParam(`device_sn ${sn} does not exist`);
      device.online = false;
      return ok(true);
    })
    // 1.38 Bind token
    .add(PUT_OR_POST, '/user/token/bind', (ctx) => {
      const user = currentUser(ctx);
      const body = jsonBody(ctx);
      const deviceSn = requiredInt(body, 'device_sn');
      const deviceToken = requiredString(body, 'device_token');
      const notifierName = requiredString(body, 'notifier_name');
      user.bound_tokens = user.bound_tokens.filter((t) => t.device_sn !== deviceSn);
      user.bound_tokens.push({ device_sn: deviceSn, device_token: deviceToken, notifier_name: notifierName });
      return ok(true);
    })
    // 1.39 Unbind token (query deviceSn, camelCase; data is an object)
    .add(['DELETE', 'POST'], '/user/token/unbind', (ctx) => {
      const user = currentUser(ctx);
      const sn = queryInt(ctx, 'deviceSn');
      user.bound_tokens = user.bound_tokens.filter((t) => t.device_sn !== sn);
      return ok({});
    });
}
