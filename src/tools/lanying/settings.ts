/** Lanying: the acting user's own settings (friend verification, downloads, alerts, settings object). */
import { z } from 'zod';
import { defineTool, SET } from '../define.js';
import { ACTING_HEADERS, lanyingInput } from './params.js';

export const setFriendAuthMode = defineTool({
  name: 'lanying_set_friend_auth_mode',
  title: 'Set friend-request verification',
  doc: '1.1 Set how to validate when adding friend',
  vendor: 'lanying',
  seq: 1,
  toolset: 'lanying_settings',
  description:
    'Set how others may add the acting user as a friend: 0 anyone, 1 needs consent, 2 must answer the question, 3 reject all.',
  http: { method: 'PUT', alsoDocumented: ['POST'], path: '/user/authmode', query: ['value'], headers: ACTING_HEADERS },
  input: lanyingInput({ value: z.literal([0, 1, 2, 3]) }),
  annotations: SET,
});
