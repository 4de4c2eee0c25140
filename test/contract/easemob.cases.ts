/** Easemob contract cases, in documentation order (创建群组 … 批量踢出子区成员). */
import { em } from '../helpers/fake-upstream.js';
import type { ContractCase } from './types.js';

const G = '/org1/app1/chatgroups';

export const easemobCases: ContractCase[] = [
  // 1 创建群组
  {
    tool: 'easemob_create_group',
    args: {
      groupname: 'testgroup',
      description: 'test',
      public: true,
      maxusers: 300,
      owner: 'testuser',
      members: ['user2'],
    },
    reply: em({ entities: [], data: { groupid: '6XXXX7' } }, 'post'),
    expect: {
      method: 'POST',
      path: '/org1/app1/chatgroups',
      json: {
        groupname: 'testgroup',
        description: 'test',
        public: true,
        maxusers: 300,
        owner: 'testuser',
        members: ['user2'],
      },
    },
    result: { data: { groupid: '6XXXX7' } },
  },
  {
    tool: 'easemob_create_group',
    label: 'private large group, every optional field',
    args: {
      groupname: '大群',
      description: 'all fields',
      public: false,
      scale: 'large',
      maxusers: 5000,
      allowinvites: true,
      membersonly: false,
      invite_need_confirm: false,
      owner: 'owner1',
      members: ['m1', 'm2'],
      custom: 'tag=1',
    },
    reply: em({ entities: [], data: { groupid: '7XXXX8' } }, 'post'),
    expect: {
      method: 'POST',
      path: '/org1/app1/chatgroups',
      json: {
        groupname: '大群',
        description: 'all fields',
        public: false,
        scale: 'large',
        maxusers: 5000,
        allowinvites: true,
        membersonly: false,
        invite_need_confirm: false,
        owner: 'owner1',
        members: ['m1', 'm2'],
        custom: 'tag=1',
      },
    },
    result: { data: { groupid: '7XXXX8' } },
  },
  {
    tool: 'easemob_create_group',
    label: 'only the required fields',
    args: { public: true, owner: 'testuser' },
    reply: em({ entities: [], data: { groupid: '6XXXX9' } }, 'post'),
    expect: { method: 'POST', path: '/org1/app1/chatgroups', json: { public: true, owner: 'testuser' } },
    result: { data: { groupid: '6XXXX9' } },
  },

  // 2 封禁群组
  {
    tool: 'easemob_disable_group',
    args: { group_id: '66021836783617' },
    reply: em({ data: { disabled: true }, entities: [], properties: {} }, 'post'),
    expect: { method: 'POST', path: `${G}/66021836783617/disable`, absentHeaders: ['content-type'] },
    result: { data: { disabled: true } },
  },

  // 3 解禁群组
  {
    tool: 'easemob_enable_group',
    args: { group_id: '66021836783617' },
    reply: em({ data: { disabled: false }, entities: [], properties: {} }, 'post'),
    expect: { method: 'POST', path: `${G}/66021836783617/enable`, absentHeaders: ['content-type'] },
    result: { data: { disabled: false } },
  },

  // 4 修改群组信息 (shares PUT /chatgroups/{group_id} with transfer-owner)
  {
    tool: 'easemob_update_group',
    args: {
      group_id: '6XXXX7',
      groupname: 'test groupname',
      description: 'updategroupinfo12311',
      maxusers: 1500,
      membersonly: true,
      allowinvites: false,
      invite_need_confirm: true,
      custom: 'abc',
      public: true,
    },
    reply: em(
      {
        data: {
          allowinvites: true,
          invite_need_confirm: true,
          membersonly: true,
          public: true,
          custom: true,
          description: true,
          maxusers: true,
          groupname: true,
        },
        entities: [],
        properties: {},
      },
      'put',
    ),
    expect: {
      method: 'PUT',
      path: `${G}/6XXXX7`,
      json: {
        groupname: 'test groupname',
        description: 'updategroupinfo12311',
        maxusers: 1500,
        membersonly: true,
        allowinvites: false,
        invite_need_confirm: true,
        custom: 'abc',
        public: true,
      },
    },
    result: {
      data: {
        allowinvites: true,
        invite_need_confirm: true,
        membersonly: true,
        public: true,
        custom: true,
        description: true,
        maxusers: true,
        groupname: true,
      },
    },
  },
  {
    tool: 'easemob_update_group',
    label: 'one field (avatar), no newowner',
    args: { group_id: '6XXXX7', avatar: 'https://example.com/a.png' },
    reply: em({ data: { avatar: true }, entities: [], properties: {} }, 'put'),
    expect: { method: 'PUT', path: `${G}/6XXXX7`, json: { avatar: 'https://example.com/a.png' } },
    result: { data: { avatar: true } },
  },

  // 5 获取 App 中的群组
  {
    tool: 'easemob_list_groups',
    args: { limit: 2 },
    reply: em({
      params: { limit: ['2'] },
      entities: [],
      data: [
        {
          owner: 'XXXX#testapp_user1',
          groupid: '10XXXX60',
          affiliations: 2,
          type: 'group',
          lastModified: '1441021038124',
          groupname: 'testgroup1',
        },
        {
          owner: 'XXXX#testapp_user2',
          groupid: '10XXXX76',
          affiliations: 1,
          type: 'group',
          lastModified: '1441074471486',
          groupname: 'testgroup2',
        },
      ],
      cursor: 'Y2hhdGdyb3VwczplYXNlbW9iLWRlbW8vY2hhdGRlbW91aV8z',
      count: 2,
    }),
    expect: { method: 'GET', path: '/org1/app1/chatgroups', query: { limit: '2' } },
    result: {
      untrusted: ['/data/*/groupname'],
      data: [
        {
          owner: 'XXXX#testapp_user1',
          owner_user: 'user1',
          groupid: '10XXXX60',
          affiliations: 2,
          type: 'group',
          lastModified: '1441021038124',
          lastModified_iso: '2015-08-31T11:37:18.124Z',
          groupname: 'testgroup1',
        },
        {
          owner: 'XXXX#testapp_user2',
          owner_user: 'user2',
          groupid: '10XXXX76',
          affiliations: 1,
          type: 'group',
          lastModified: '1441074471486',
          lastModified_iso: '2015-09-01T02:27:51.486Z',
          groupname: 'testgroup2',
        },
      ],
      cursor: 'Y2hhdGdyb3VwczplYXNlbW9iLWRlbW8vY2hhdGRlbW91aV8z',
      count: 2,
    },
    textIncludes: ['2 item(s)', 'cursor="Y2hhdGdyb3VwczplYXNlbW9iLWRlbW8vY2hhdGRlbW91aV8z"'],
  },
  {
    tool: 'easemob_list_groups',
    label: 'second page with limit and cursor, last page without cursor',
    args: { limit: 2, cursor: 'ZGNXXXX6Mg' },
    reply: em({
      params: { limit: ['2'], cursor: ['ZGNXXXX6Mg'] },
      entities: [],
      data: [
        {
          owner: 'XXXX#testapp_user3',
          groupid: '10XXXX99',
          affiliations: 3,
          type: 'group',
          lastModified: '1441021038999',
          groupname: 'testgroup3',
        },
      ],
      count: 1,
    }),
    expect: { method: 'GET', path: '/org1/app1/chatgroups', query: { limit: '2', cursor: 'ZGNXXXX6Mg' } },
    result: {
      untrusted: ['/data/*/groupname'],
      data: [
        {
          owner: 'XXXX#testapp_user3',
          owner_user: 'user3',
          groupid: '10XXXX99',
          affiliations: 3,
          type: 'group',
          lastModified: '1441021038999',
          lastModified_iso: '2015-08-31T11:37:18.999Z',
          groupname: 'testgroup3',
        },
      ],
      count: 1,
    },
  },
  {
    tool: 'easemob_list_groups',
    label: 'no paging arguments: no query string',
    args: {},
    reply: em({ entities: [], data: [], count: 0 }),
    expect: { method: 'GET', path: '/org1/app1/chatgroups' },
    result: { data: [], count: 0 },
  },

  // 6 获取单个用户加入的所有群组
  {
    tool: 'easemob_list_user_groups',
    args: { username: 'user1', pagesize: 5, pagenum: 0 },
    reply: em({
      entities: [
        {
          name: '群组名称',
          owner: '群组管理员',
          id: '2XXXX1',
          groupId: '2XXXX1',
          description: '群组描述',
          disabled: false,
          public: false,
          allowinvites: false,
          membersonly: true,
          maxusers: 2000,
          created: 1692687427254,
        },
      ],
      total: 10,
    }),
    expect: { method: 'GET', path: `${G}/user/user1`, query: { pagesize: '5', pagenum: '0' } },
    result: {
      untrusted: ['/entities/*/name', '/entities/*/description'],
      entities: [
        {
          name: '群组名称',
          owner: '群组管理员',
          id: '2XXXX1',
          groupId: '2XXXX1',
          description: '群组描述',
          disabled: false,
          public: false,
          allowinvites: false,
          membersonly: true,
          maxusers: 2000,
          created: 1692687427254,
          created_iso: '2023-08-22T06:57:07.254Z',
        },
      ],
      total: 10,
    },
    textIncludes: ['1 item(s)', 'total 10'],
  },
  {
    tool: 'easemob_list_user_groups',
    label: 'no paging arguments, empty entities kept',
    args: { username: 'user1' },
    reply: em({ entities: [], total: 0 }),
    expect: { method: 'GET', path: `${G}/user/user1` },
    result: { entities: [], total: 0 },
  },

  // 7 查看指定用户是否已加入群组 (bare boolean data)
  {
    tool: 'easemob_is_group_member',
    args: { group_id: '66XXXX85', username: 'user1' },
    reply: {
      json: {
        action: 'get',
        application: '8bXXXX02',
        data: false,
        duration: 0,
        organization: 'XXXX',
        timestamp: 1691547476492,
      },
    },
    expect: { method: 'GET', path: `${G}/66XXXX85/user/user1/is_joined` },
    result: { data: false },
  },
  {
    tool: 'easemob_is_group_member',
    label: 'member: data true',
    args: { group_id: '66XXXX85', username: 'user2' },
    reply: em({ data: true }),
    expect: { method: 'GET', path: `${G}/66XXXX85/user/user2/is_joined` },
    result: { data: true },
  },

  // 8 获取群组详情 (group_id array → comma-joined path)
  {
    tool: 'easemob_get_groups',
    args: { group_id: ['66XXXX85'] },
    reply: em({
      count: 1,
      data: [
        {
          id: '66XXXX85',
          name: 'XXXX',
          description: 'XXXX',
          membersonly: true,
          allowinvites: false,
          maxusers: 2000,
          owner: 'user1',
          created: 1682588716646,
          custom: '',
          mute: false,
          affiliations_count: 2,
          disabled: false,
          affiliations: [{ member: 'user2' }, { owner: 'user1' }],
          public: false,
        },
      ],
      entities: [],
      properties: {},
    }),
    expect: { method: 'GET', path: `${G}/66XXXX85` },
    result: {
      untrusted: ['/data/*/name', '/data/*/description'],
      count: 1,
      data: [
        {
          id: '66XXXX85',
          name: 'XXXX',
          description: 'XXXX',
          membersonly: true,
          allowinvites: false,
          maxusers: 2000,
          owner: 'user1',
          created: 1682588716646,
          created_iso: '2023-04-27T09:45:16.646Z',
          custom: '',
          mute: false,
          affiliations_count: 2,
          disabled: false,
          affiliations: [{ member: 'user2' }, { owner: 'user1' }],
          public: false,
        },
      ],
    },
  },
  {
    tool: 'easemob_get_groups',
    label: 'several ids joined with a raw comma',
    args: { group_id: ['g1', 'g2'] },
    reply: em({
      count: 2,
      data: [
        {
          id: 'g1',
          name: 'one',
          description: '',
          membersonly: false,
          allowinvites: false,
          maxusers: 200,
          owner: 'u1',
          created: 1682588716646,
          custom: '',
          mute: true,
          affiliations_count: 1,
          disabled: false,
          affiliations: [{ owner: 'u1' }],
          public: true,
        },
        {
          id: 'g2',
          name: 'two',
          description: 'second',
          membersonly: true,
          allowinvites: false,
          maxusers: 3000,
          owner: 'u2',
          created: 1682588716700,
          custom: 'x',
          mute: false,
          affiliations_count: 2,
          disabled: true,
          affiliations: [{ member: 'u3' }, { owner: 'u2' }],
          public: false,
        },
      ],
      entities: [],
      properties: {},
    }),
    expect: { method: 'GET', path: `${G}/g1,g2` },
    result: {
      untrusted: ['/data/*/name', '/data/*/description', '/data/*/custom'],
      count: 2,
      data: [
        {
          id: 'g1',
          name: 'one',
          description: '',
          membersonly: false,
          allowinvites: false,
          maxusers: 200,
          owner: 'u1',
          created: 1682588716646,
          created_iso: '2023-04-27T09:45:16.646Z',
          custom: '',
          mute: true,
          affiliations_count: 1,
          disabled: false,
          affiliations: [{ owner: 'u1' }],
          public: true,
        },
        {
          id: 'g2',
          name: 'two',
          description: 'second',
          membersonly: true,
          allowinvites: false,
          maxusers: 3000,
          owner: 'u2',
          created: 1682588716700,
          created_iso: '2023-04-27T09:45:16.700Z',
          custom: 'x',
          mute: false,
          affiliations_count: 2,
          disabled: true,
          affiliations: [{ member: 'u3' }, { owner: 'u2' }],
          public: false,
        },
      ],
    },
    textIncludes: ['2 item(s)'],
  },

  // 9 解散群组
  {
    tool: 'easemob_dissolve_group',
    args: { group_id: '66021836783617' },
    reply: em({ entities: [], data: { success: true, groupid: '66021836783617' } }, 'delete'),
    expect: { method: 'DELETE', path: `${G}/66021836783617` },
    result: { data: { success: true, groupid: '66021836783617' } },
  },

  // 10 获取群组公告
  {
    tool: 'easemob_get_announcement',
    args: { group_id: '6XXXX7' },
    reply: em({ entities: [], data: { announcement: '群组公告...' } }),
    expect: { method: 'GET', path: `${G}/6XXXX7/announcement` },
    result: { untrusted: ['/data/announcement'], data: { announcement: '群组公告...' } },
  },

  // 11 修改群组公告
  {
    tool: 'easemob_set_announcement',
    args: { group_id: '6XXXX7', announcement: '群组公告…' },
    reply: em({ entities: [], data: { id: '6XXXX7', result: true } }, 'post'),
    expect: { method: 'POST', path: `${G}/6XXXX7/announcement`, json: { announcement: '群组公告…' } },
    result: { data: { id: '6XXXX7', result: true } },
  },
  {
    tool: 'easemob_set_announcement',
    label: 'empty announcement clears it',
    args: { group_id: '6XXXX7', announcement: '' },
    reply: em({ entities: [], data: { id: '6XXXX7', result: true } }, 'post'),
    expect: { method: 'POST', path: `${G}/6XXXX7/announcement`, json: { announcement: '' } },
    result: { data: { id: '6XXXX7', result: true } },
  },

  // 12 获取群组共享文件
  {
    tool: 'easemob_list_share_files',
    args: { group_id: '6XXXX7', pagenum: 1, pagesize: 10 },
    reply: em({
      params: { pagesize: ['10'], pagenum: ['1'] },
      entities: [],
      data: [
        {
          file_id: 'dbd88d20-e1d4-11ea-95fc-638fc2d59a8d',
          file_name: '159781149272586.jpg',
          file_owner: 'u1',
          file_size: 326127,
          created: 1597811492594,
        },
        {
          file_id: 'b30XXXX4f',
          file_name: '159781141836993.jpg',
          file_owner: 'u1',
          file_size: 326127,
          created: 1597811424158,
        },
      ],
    }),
    expect: { method: 'GET', path: `${G}/6XXXX7/share_files`, query: { pagenum: '1', pagesize: '10' } },
    result: {
      untrusted: ['/data/*/file_name'],
      data: [
        {
          file_id: 'dbd88d20-e1d4-11ea-95fc-638fc2d59a8d',
          file_name: '159781149272586.jpg',
          file_owner: 'u1',
          file_size: 326127,
          created: 1597811492594,
          created_iso: '2020-08-19T04:31:32.594Z',
        },
        {
          file_id: 'b30XXXX4f',
          file_name: '159781141836993.jpg',
          file_owner: 'u1',
          file_size: 326127,
          created: 1597811424158,
          created_iso: '2020-08-19T04:30:24.158Z',
        },
      ],
    },
    textIncludes: ['2 item(s)'],
  },
  {
    tool: 'easemob_list_share_files',
    label: 'no paging arguments',
    args: { group_id: '6XXXX7' },
    reply: em({ entities: [], data: [] }),
    expect: { method: 'GET', path: `${G}/6XXXX7/share_files` },
    result: { data: [] },
  },

  // 13 上传群组共享文件 (multipart, field "file")
  {
    tool: 'easemob_upload_share_file',
    files: { 'report.txt': 'hello share file' },
    args: { group_id: 'g1', file: 'report.txt' },
    reply: em(
      {
        entities: [],
        data: {
          file_url: 'https://XXXX/XXXX/XXXX/chatgroups/g1/share_files/c6XXXXc0',
          group_id: 'g1',
          file_name: 'report.txt',
          created: 1599050554954,
          file_id: 'c6XXXXc0',
          file_size: 16,
        },
      },
      'post',
    ),
    expect: {
      method: 'POST',
      path: `${G}/g1/share_files`,
      multipart: { field: 'file', filename: 'report.txt', content: 'hello share file' },
    },
    result: {
      untrusted: ['/file_name'],
      file_url: 'https://XXXX/XXXX/XXXX/chatgroups/g1/share_files/c6XXXXc0',
      group_id: 'g1',
      file_name: 'report.txt',
      created: 1599050554954,
      created_iso: '2020-09-02T12:42:34.954Z',
      file_id: 'c6XXXXc0',
      file_size: 16,
    },
    textIncludes: ['Uploaded report.txt (16 bytes) as file_id c6XXXXc0.'],
  },

  // 14 下载群组共享文件 (raw bytes)
  {
    tool: 'easemob_download_share_file',
    label: 'inline: base64 and UTF-8 text',
    args: { group_id: '6XXXX7', file_id: 'b30XXXX4f' },
    reply: { bytes: Buffer.from('file-bytes'), headers: { 'content-type': 'application/octet-stream' } },
    expect: {
      method: 'GET',
      path: `${G}/6XXXX7/share_files/b30XXXX4f`,
      headers: { accept: 'application/octet-stream' },
    },
    result: {
      untrusted: ['/text', '/content_base64'],
      file_id: 'b30XXXX4f',
      bytes: 10,
      content_base64: Buffer.from('file-bytes').toString('base64'),
      text: 'file-bytes',
    },
    textIncludes: ['Downloaded 10 bytes of b30XXXX4f (UTF-8 text).'],
  },
  {
    tool: 'easemob_download_share_file',
    label: 'binary (not UTF-8): base64 only',
    args: { group_id: '6XXXX7', file_id: 'bin1' },
    reply: { bytes: Uint8Array.from([0, 255, 1, 254]), headers: { 'content-type': 'application/octet-stream' } },
    expect: { method: 'GET', path: `${G}/6XXXX7/share_files/bin1` },
    result: { untrusted: ['/content_base64'], file_id: 'bin1', bytes: 4, content_base64: 'AP8B/g==' },
  },
  {
    tool: 'easemob_download_share_file',
    label: 'save_to writes the file inside IM_ADMIN_FILES_DIR (parent folder created)',
    args: { group_id: '6XXXX7', file_id: 'b30XXXX4f', save_to: 'out/x.bin' },
    reply: { bytes: Buffer.from('file-bytes'), headers: { 'content-type': 'application/octet-stream' } },
    expect: { method: 'GET', path: `${G}/6XXXX7/share_files/b30XXXX4f` },
    result: { file_id: 'b30XXXX4f', saved_to: 'out/x.bin', bytes: 10 },
    textIncludes: ['Saved 10 bytes to out/x.bin.'],
    writes: { 'out/x.bin': 'file-bytes' },
  },

  // 15 删除群组共享文件
  {
    tool: 'easemob_delete_share_file',
    args: { group_id: '6XXXX7', file_id: 'b30XXXX4f' },
    reply: em({ entities: [], data: { group_id: '6XXXX7', file_id: 'b30XXXX4f', result: true } }, 'delete'),
    expect: { method: 'DELETE', path: `${G}/6XXXX7/share_files/b30XXXX4f` },
    result: { data: { group_id: '6XXXX7', file_id: 'b30XXXX4f', result: true } },
  },

  // 16 分页获取群成员列表
  {
    tool: 'easemob_list_members',
    args: { group_id: '10XXXX85', pagenum: 2, pagesize: 2 },
    reply: em({
      params: { pagesize: ['2'], pagenum: ['2'] },
      entities: [],
      data: [{ owner: 'user1' }, { member: 'user2' }],
      count: 2,
    }),
    expect: { method: 'GET', path: `${G}/10XXXX85/users`, query: { pagenum: '2', pagesize: '2' } },
    result: { data: [{ owner: 'user1' }, { member: 'user2' }], count: 2 },
    textIncludes: ['2 item(s)'],
  },
  {
    tool: 'easemob_list_members',
    label: 'no paging arguments',
    args: { group_id: '10XXXX85' },
    reply: em({ entities: [], data: [{ owner: 'user1' }], count: 1 }),
    expect: { method: 'GET', path: `${G}/10XXXX85/users` },
    result: { data: [{ owner: 'user1' }], count: 1 },
  },

  // 17 添加单个群组成员
  {
    tool: 'easemob_add_member',
    args: { group_id: '66XXXX85', username: 'user4' },
    reply: em(
      { entities: [], data: { result: true, groupid: '66XXXX85', action: 'add_member', user: 'user4' } },
      'post',
    ),
    expect: { method: 'POST', path: `${G}/66XXXX85/users/user4`, absentHeaders: ['content-type'] },
    result: { data: { result: true, groupid: '66XXXX85', action: 'add_member', user: 'user4' } },
  },

  // 18 批量添加群组成员
  {
    tool: 'easemob_add_members',
    args: { group_id: '66XXXX85', usernames: ['user4', 'user5'] },
    reply: em(
      { entities: [], data: { newmembers: ['user5', 'user4'], groupid: '66XXXX85', action: 'add_member' } },
      'post',
    ),
    expect: { method: 'POST', path: `${G}/66XXXX85/users`, json: { usernames: ['user4', 'user5'] } },
    result: { data: { newmembers: ['user5', 'user4'], groupid: '66XXXX85', action: 'add_member' } },
  },

  // 19 移除单个群组成员
  {
    tool: 'easemob_remove_member',
    args: { group_id: '66XXXX85', username: 'user3' },
    reply: em(
      { entities: [], data: { result: true, action: 'remove_member', user: 'user3', groupid: '66XXXX85' } },
      'delete',
    ),
    expect: { method: 'DELETE', path: `${G}/66XXXX85/users/user3` },
    result: { data: { result: true, action: 'remove_member', user: 'user3', groupid: '66XXXX85' } },
  },
  {
    tool: 'easemob_remove_member',
    label: 'an id with every character the vendor allows besides letters and digits: sent as is',
    args: { group_id: '66XXXX85', username: 'User.one_2-b' },
    reply: em(
      { entities: [], data: { result: true, action: 'remove_member', user: 'user.one_2-b', groupid: '66XXXX85' } },
      'delete',
    ),
    expect: { method: 'DELETE', path: `${G}/66XXXX85/users/User.one_2-b` },
    result: { data: { result: true, action: 'remove_member', user: 'user.one_2-b', groupid: '66XXXX85' } },
  },

  // 20 批量移除群组成员 (members array → comma-joined path; data object for one id, array for several)
  {
    tool: 'easemob_remove_members',
    label: 'several ids: data is an array with a per-user failure',
    args: { group_id: '66XXXX85', members: ['ttXXXX81', 'user2', 'user3'] },
    reply: em(
      {
        entities: [],
        data: [
          {
            result: false,
            action: 'remove_member',
            reason: "user ttXXXX81 doesn't exist.",
            user: 'user1',
            groupid: '14XXXX79',
          },
          { result: true, action: 'remove_member', user: 'user2', groupid: '14XXXX79' },
          { result: true, action: 'remove_member', user: 'user3', groupid: '14XXXX79' },
        ],
      },
      'delete',
    ),
    expect: { method: 'DELETE', path: `${G}/66XXXX85/users/ttXXXX81,user2,user3` },
    result: {
      data: [
        {
          result: false,
          action: 'remove_member',
          reason: "user ttXXXX81 doesn't exist.",
          user: 'user1',
          groupid: '14XXXX79',
        },
        { result: true, action: 'remove_member', user: 'user2', groupid: '14XXXX79' },
        { result: true, action: 'remove_member', user: 'user3', groupid: '14XXXX79' },
      ],
    },
    textIncludes: ['3 item(s)', '1 failed (see reason)'],
  },
  {
    tool: 'easemob_remove_members',
    label: 'one id: data is an object',
    args: { group_id: 'g1', members: ['u1'] },
    reply: em({ entities: [], data: { result: true, action: 'remove_member', user: 'u1', groupid: 'g1' } }, 'delete'),
    expect: { method: 'DELETE', path: `${G}/g1/users/u1` },
    result: { data: { result: true, action: 'remove_member', user: 'u1', groupid: 'g1' } },
  },
  {
    tool: 'easemob_remove_members',
    label: 'ids joined with a raw comma, each as given (dots, dashes, underscores, capitals)',
    args: { group_id: 'g1', members: ['u1', 'user.one', 'a-b_c', 'U2'] },
    reply: em(
      {
        entities: [],
        data: [
          { result: true, action: 'remove_member', user: 'u1', groupid: 'g1' },
          { result: true, action: 'remove_member', user: 'user.one', groupid: 'g1' },
          { result: true, action: 'remove_member', user: 'a-b_c', groupid: 'g1' },
          { result: true, action: 'remove_member', user: 'u2', groupid: 'g1' },
        ],
      },
      'delete',
    ),
    expect: { method: 'DELETE', path: `${G}/g1/users/u1,user.one,a-b_c,U2` },
    result: {
      data: [
        { result: true, action: 'remove_member', user: 'u1', groupid: 'g1' },
        { result: true, action: 'remove_member', user: 'user.one', groupid: 'g1' },
        { result: true, action: 'remove_member', user: 'a-b_c', groupid: 'g1' },
        { result: true, action: 'remove_member', user: 'u2', groupid: 'g1' },
      ],
    },
  },

  // 21 设置群成员自定义属性
  {
    tool: 'easemob_set_member_metadata',
    args: { group_id: 'g1', username: 'u1', metaData: { key1: 'value1' } },
    reply: { json: { timestamp: 1678674135533, data: { key1: 'value1' }, duration: 53 } },
    expect: { method: 'PUT', path: '/org1/app1/metadata/chatgroup/g1/user/u1', json: { metaData: { key1: 'value1' } } },
    result: { untrusted: ['/data'], data: { key1: 'value1' } },
  },
  {
    tool: 'easemob_set_member_metadata',
    label: 'empty value deletes a key',
    args: { group_id: 'g1', username: 'u1', metaData: { nickname: '小明', key1: '' } },
    reply: { json: { timestamp: 1678674135533, data: { nickname: '小明', key1: '' }, duration: 7 } },
    expect: {
      method: 'PUT',
      path: '/org1/app1/metadata/chatgroup/g1/user/u1',
      json: { metaData: { nickname: '小明', key1: '' } },
    },
    result: { untrusted: ['/data'], data: { nickname: '小明', key1: '' } },
  },

  // 22 获取单个群成员的所有自定义属性
  {
    tool: 'easemob_get_member_metadata',
    args: { group_id: '207059303858177', username: 'test2' },
    reply: { json: { timestamp: 1678674211840, data: { key1: 'value1' }, duration: 6 } },
    expect: { method: 'GET', path: '/org1/app1/metadata/chatgroup/207059303858177/user/test2' },
    result: { untrusted: ['/data'], data: { key1: 'value1' } },
  },

  // 23 根据属性 key 获取多个群成员的自定义属性 (POST that only reads)
  {
    tool: 'easemob_get_members_metadata',
    args: { group_id: 'g1', targets: ['test1', 'test2'], properties: ['key1', 'key2'] },
    reply: {
      json: {
        timestamp: 1678674292783,
        data: { test1: { key1: 'value1' }, test2: { key1: 'value1' } },
        duration: 2,
      },
    },
    expect: {
      method: 'POST',
      path: '/org1/app1/metadata/chatgroup/g1/get',
      json: { targets: ['test1', 'test2'], properties: ['key1', 'key2'] },
    },
    result: { untrusted: ['/data'], data: { test1: { key1: 'value1' }, test2: { key1: 'value1' } } },
  },
  {
    tool: 'easemob_get_members_metadata',
    label: 'empty properties: every key',
    args: { group_id: 'g1', targets: ['test1'], properties: [] },
    reply: { json: { timestamp: 1678674292783, data: { test1: { key1: 'value1', key2: 'v2' } }, duration: 2 } },
    expect: {
      method: 'POST',
      path: '/org1/app1/metadata/chatgroup/g1/get',
      json: { targets: ['test1'], properties: [] },
    },
    result: { untrusted: ['/data'], data: { test1: { key1: 'value1', key2: 'v2' } } },
  },

  // 24 获取群管理员列表
  {
    tool: 'easemob_list_admins',
    args: { group_id: '10XXXX85' },
    reply: em({ entities: [], data: ['user1'], count: 1 }),
    expect: { method: 'GET', path: `${G}/10XXXX85/admin` },
    result: { data: ['user1'], count: 1 },
  },

  // 25 添加群管理员
  {
    tool: 'easemob_add_admin',
    args: { group_id: '10XXXX85', newadmin: 'man' },
    reply: em({ data: { result: 'success', newadmin: 'man' }, entities: [], properties: {} }, 'post'),
    expect: { method: 'POST', path: `${G}/10XXXX85/admin`, json: { newadmin: 'man' } },
    result: { data: { result: 'success', newadmin: 'man' } },
  },

  // 26 移除群管理员 (data.result is a string)
  {
    tool: 'easemob_remove_admin',
    args: { group_id: '10XXXX85', username: 'user1' },
    reply: em({ entities: [], data: { result: 'success', oldadmin: 'user1' } }, 'delete'),
    expect: { method: 'DELETE', path: `${G}/10XXXX85/admin/user1` },
    result: { data: { result: 'success', oldadmin: 'user1' } },
  },

  // 27 转让群组 (same PUT as modify-group; body exactly {"newowner"})
  {
    tool: 'easemob_transfer_group_owner',
    args: { group_id: '66XXXX85', newowner: 'user2' },
    reply: em({ entities: [], data: { newowner: true } }, 'put'),
    expect: { method: 'PUT', path: `${G}/66XXXX85`, json: { newowner: 'user2' } },
    result: { data: { newowner: true } },
  },

  // 28 查询群组黑名单
  {
    tool: 'easemob_list_blocked_users',
    args: { group_id: '66XXXX85' },
    reply: em({ entities: [], data: ['user2', 'user3'], count: 2 }),
    expect: { method: 'GET', path: `${G}/66XXXX85/blocks/users` },
    result: { data: ['user2', 'user3'], count: 2 },
  },

  // 29 添加单个用户至群组黑名单
  {
    tool: 'easemob_block_user',
    args: { group_id: '66XXXX85', username: 'user1' },
    reply: em(
      { entities: [], data: { result: true, action: 'add_blocks', user: 'user1', groupid: '66XXXX85' } },
      'post',
    ),
    expect: { method: 'POST', path: `${G}/66XXXX85/blocks/users/user1`, absentHeaders: ['content-type'] },
    result: { data: { result: true, action: 'add_blocks', user: 'user1', groupid: '66XXXX85' } },
  },

  // 30 批量添加用户至群组黑名单
  {
    tool: 'easemob_block_users',
    args: { group_id: '66XXXX85', usernames: ['user3', 'user4'] },
    reply: em(
      {
        entities: [],
        data: [
          {
            result: false,
            action: 'add_blocks',
            reason: "user: user3 doesn't exist in group: 66XXXX85",
            user: 'user3',
            groupid: '66XXXX85',
          },
          { result: true, action: 'add_blocks', user: 'user4', groupid: '66XXXX85' },
        ],
      },
      'post',
    ),
    expect: { method: 'POST', path: `${G}/66XXXX85/blocks/users`, json: { usernames: ['user3', 'user4'] } },
    result: {
      data: [
        {
          result: false,
          action: 'add_blocks',
          reason: "user: user3 doesn't exist in group: 66XXXX85",
          user: 'user3',
          groupid: '66XXXX85',
        },
        { result: true, action: 'add_blocks', user: 'user4', groupid: '66XXXX85' },
      ],
    },
    textIncludes: ['2 item(s)', '1 failed (see reason)'],
  },

  // 31 从群组黑名单移除单个用户
  {
    tool: 'easemob_unblock_user',
    args: { group_id: '66XXXX85', username: 'user1' },
    reply: em(
      { entities: [], data: { result: true, action: 'remove_blocks', user: 'user1', groupid: '66XXXX85' } },
      'delete',
    ),
    expect: { method: 'DELETE', path: `${G}/66XXXX85/blocks/users/user1` },
    result: { data: { result: true, action: 'remove_blocks', user: 'user1', groupid: '66XXXX85' } },
  },

  // 32 从群组黑名单批量移除用户 (raw comma, not %2C)
  {
    tool: 'easemob_unblock_users',
    args: { group_id: '66XXXX85', usernames: ['user1', 'user2'] },
    reply: em(
      {
        entities: [],
        data: [
          { result: true, action: 'remove_blocks', user: 'user1', groupid: '66XXXX85' },
          { result: true, action: 'remove_blocks', user: 'user2', groupid: '66XXXX85' },
        ],
      },
      'delete',
    ),
    expect: { method: 'DELETE', path: `${G}/66XXXX85/blocks/users/user1,user2` },
    result: {
      data: [
        { result: true, action: 'remove_blocks', user: 'user1', groupid: '66XXXX85' },
        { result: true, action: 'remove_blocks', user: 'user2', groupid: '66XXXX85' },
      ],
    },
  },
  {
    tool: 'easemob_unblock_users',
    label: 'one id: data is an object',
    args: { group_id: '66XXXX85', usernames: ['user.one'] },
    reply: em(
      { entities: [], data: { result: true, action: 'remove_blocks', user: 'user.one', groupid: '66XXXX85' } },
      'delete',
    ),
    expect: { method: 'DELETE', path: `${G}/66XXXX85/blocks/users/user.one` },
    result: { data: { result: true, action: 'remove_blocks', user: 'user.one', groupid: '66XXXX85' } },
  },

  // 33 查询群组白名单
  {
    tool: 'easemob_list_allowlist',
    args: { group_id: '12XXXX53' },
    reply: em({
      entities: [],
      data: ['wzy_test', 'wzy_vivo', 'wzy_huawei', 'wzy_xiaomi', 'wzXXXXzu'],
      count: 5,
    }),
    expect: { method: 'GET', path: `${G}/12XXXX53/white/users` },
    result: { data: ['wzy_test', 'wzy_vivo', 'wzy_huawei', 'wzy_xiaomi', 'wzXXXXzu'], count: 5 },
  },

  // 34 添加单个用户至群组白名单
  {
    tool: 'easemob_add_allowlist_user',
    args: { group_id: '12XXXX53', username: 'wzy_xiaomi' },
    reply: em(
      {
        entities: [],
        data: { result: true, action: 'add_user_whitelist', user: 'wzy_xiaomi', groupid: '12XXXX53' },
      },
      'post',
    ),
    expect: { method: 'POST', path: `${G}/12XXXX53/white/users/wzy_xiaomi`, absentHeaders: ['content-type'] },
    result: { data: { result: true, action: 'add_user_whitelist', user: 'wzy_xiaomi', groupid: '12XXXX53' } },
  },

  // 35 批量添加用户至群组白名单
  {
    tool: 'easemob_add_allowlist_users',
    args: { group_id: '12XXXX53', usernames: ['wzy_test', 'wzXXXXzu'] },
    reply: em(
      {
        entities: [],
        data: [
          { result: true, action: 'add_user_whitelist', user: 'wzy_test', groupid: '12XXXX53' },
          { result: true, action: 'add_user_whitelist', user: 'wzXXXXzu', groupid: '12XXXX53' },
        ],
      },
      'post',
    ),
    expect: { method: 'POST', path: `${G}/12XXXX53/white/users`, json: { usernames: ['wzy_test', 'wzXXXXzu'] } },
    result: {
      data: [
        { result: true, action: 'add_user_whitelist', user: 'wzy_test', groupid: '12XXXX53' },
        { result: true, action: 'add_user_whitelist', user: 'wzXXXXzu', groupid: '12XXXX53' },
      ],
    },
  },

  // 36 从群组白名单移除用户 (username array → comma-joined path)
  {
    tool: 'easemob_remove_allowlist_users',
    args: { group_id: '12XXXX53', username: ['wzy_huawei', 'wzXXXXzu'] },
    reply: em(
      {
        entities: [],
        data: [
          { result: true, action: 'remove_user_whitelist', user: 'wzy_huawei', groupid: '12XXXX53' },
          { result: true, action: 'remove_user_whitelist', user: 'wzXXXXzu', groupid: '12XXXX53' },
        ],
      },
      'delete',
    ),
    expect: { method: 'DELETE', path: `${G}/12XXXX53/white/users/wzy_huawei,wzXXXXzu` },
    result: {
      data: [
        { result: true, action: 'remove_user_whitelist', user: 'wzy_huawei', groupid: '12XXXX53' },
        { result: true, action: 'remove_user_whitelist', user: 'wzXXXXzu', groupid: '12XXXX53' },
      ],
    },
  },
  {
    tool: 'easemob_remove_allowlist_users',
    label: 'one id: data is an object',
    args: { group_id: '12XXXX53', username: ['wzy_vivo'] },
    reply: em(
      {
        entities: [],
        data: { result: true, action: 'remove_user_whitelist', user: 'wzy_vivo', groupid: '12XXXX53' },
      },
      'delete',
    ),
    expect: { method: 'DELETE', path: `${G}/12XXXX53/white/users/wzy_vivo` },
    result: { data: { result: true, action: 'remove_user_whitelist', user: 'wzy_vivo', groupid: '12XXXX53' } },
  },

  // 37 获取禁言列表
  {
    tool: 'easemob_list_muted_members',
    args: { group_id: '10XXXX85' },
    reply: em({ entities: [], data: [{ expire: 1489158589481, user: 'user1' }] }),
    expect: { method: 'GET', path: `${G}/10XXXX85/mute` },
    result: { data: [{ expire: 1489158589481, expire_iso: '2017-03-10T15:09:49.481Z', user: 'user1' }] },
  },

  // 38 禁言指定群成员 (milliseconds; -1 permanent)
  {
    tool: 'easemob_mute_members',
    args: { group_id: '10XXXX85', usernames: ['user1'], mute_duration: 86400000 },
    reply: em({ entities: [], data: [{ result: true, expire: 1489158589481, user: 'user1' }] }, 'post'),
    expect: {
      method: 'POST',
      path: `${G}/10XXXX85/mute`,
      json: { usernames: ['user1'], mute_duration: 86400000 },
    },
    result: { data: [{ result: true, expire: 1489158589481, expire_iso: '2017-03-10T15:09:49.481Z', user: 'user1' }] },
  },
  {
    tool: 'easemob_mute_members',
    label: 'at the default cap: 30 days in ms, several users',
    args: { group_id: '10XXXX85', usernames: ['user1', 'user2'], mute_duration: 2592000000 },
    reply: em(
      {
        entities: [],
        data: [
          { result: true, expire: 1491664189508, user: 'user1' },
          { result: true, expire: 1491664189508, user: 'user2' },
        ],
      },
      'post',
    ),
    expect: {
      method: 'POST',
      path: `${G}/10XXXX85/mute`,
      json: { usernames: ['user1', 'user2'], mute_duration: 2592000000 },
    },
    result: {
      data: [
        { result: true, expire: 1491664189508, expire_iso: '2017-04-08T15:09:49.508Z', user: 'user1' },
        { result: true, expire: 1491664189508, expire_iso: '2017-04-08T15:09:49.508Z', user: 'user2' },
      ],
    },
  },

  // 39 禁言全体群成员 (POST /ban, no body)
  {
    tool: 'easemob_mute_all',
    args: { group_id: '12XXXX53' },
    reply: em({ entities: [], data: { mute: true } }, 'post'),
    expect: { method: 'POST', path: `${G}/12XXXX53/ban`, absentHeaders: ['content-type'] },
    result: { data: { mute: true } },
  },

  // 40 解除成员禁言 (member array → /mute/u1,u2)
  {
    tool: 'easemob_unmute_members',
    args: { group_id: '10XXXX85', member: ['user1'] },
    reply: em({ entities: [], data: [{ result: true, user: 'user1' }] }, 'delete'),
    expect: { method: 'DELETE', path: `${G}/10XXXX85/mute/user1` },
    result: { data: [{ result: true, user: 'user1' }] },
  },
  {
    tool: 'easemob_unmute_members',
    label: 'several members joined with a raw comma',
    args: { group_id: 'g1', member: ['u1', 'u2'] },
    reply: em(
      {
        entities: [],
        data: [
          { result: true, user: 'u1' },
          { result: true, user: 'u2' },
        ],
      },
      'delete',
    ),
    expect: { method: 'DELETE', path: `${G}/g1/mute/u1,u2` },
    result: {
      data: [
        { result: true, user: 'u1' },
        { result: true, user: 'u2' },
      ],
    },
  },

  // 41 解除全员禁言
  {
    tool: 'easemob_unmute_all',
    args: { group_id: '12XXXX53' },
    reply: em({ entities: [], data: { mute: false } }, 'delete'),
    expect: { method: 'DELETE', path: `${G}/12XXXX53/ban` },
    result: { data: { mute: false } },
  },

  // 42 获取 app 中的子区 (cursor in properties.cursor)
  {
    tool: 'easemob_list_threads',
    args: {},
    reply: em({ entities: [{ id: '1XXXX8' }], properties: { cursor: 'ZGXXXXTE' } }),
    expect: { method: 'GET', path: '/org1/app1/thread' },
    result: { entities: [{ id: '1XXXX8' }], cursor: 'ZGXXXXTE' },
    textIncludes: ['1 item(s)', 'cursor="ZGXXXXTE"'],
  },
  {
    tool: 'easemob_list_threads',
    label: 'limit, cursor and sort',
    args: { limit: 10, cursor: 'ZGXXXXTE', sort: 'asc' },
    reply: em({ entities: [{ id: '1XXXX9' }, { id: '1XXXY0' }], properties: { cursor: 'x' } }),
    expect: { method: 'GET', path: '/org1/app1/thread', query: { limit: '10', cursor: 'ZGXXXXTE', sort: 'asc' } },
    result: { entities: [{ id: '1XXXX9' }, { id: '1XXXY0' }], cursor: 'x' },
    textIncludes: ['cursor="x"'],
  },

  // 43 获取单个用户加入的所有子区(分页获取)
  {
    tool: 'easemob_list_user_threads',
    args: { username: 'test4', limit: 1, sort: 'desc' },
    reply: em({
      entities: [
        { name: '1', owner: 'test4', id: '17XXXX69', msgId: '1920', groupId: '17XXXX61', created: 1650856033420 },
      ],
      properties: { cursor: 'ZGXXXXzg' },
    }),
    expect: { method: 'GET', path: '/org1/app1/threads/user/test4', query: { limit: '1', sort: 'desc' } },
    result: {
      untrusted: ['/entities/*/name'],
      entities: [
        {
          name: '1',
          owner: 'test4',
          id: '17XXXX69',
          msgId: '1920',
          groupId: '17XXXX61',
          created: 1650856033420,
          created_iso: '2022-04-25T03:07:13.420Z',
        },
      ],
      cursor: 'ZGXXXXzg',
    },
  },

  // 44 获取单个用户在指定群组中加入的所有子区 (分页获取)
  {
    tool: 'easemob_list_user_group_threads',
    args: { group_id: '17XXXX61', username: 'test4', limit: 20, cursor: 'ZGXXXXzg' },
    reply: em({
      entities: [
        { name: '1', owner: 'test4', id: '17XXXX69', msgId: '1920', groupId: '17XXXX61', created: 1650856033420 },
      ],
      properties: { cursor: 'ZGXXXXNzg' },
    }),
    expect: {
      method: 'GET',
      path: '/org1/app1/threads/chatgroups/17XXXX61/user/test4',
      query: { limit: '20', cursor: 'ZGXXXXzg' },
    },
    result: {
      untrusted: ['/entities/*/name'],
      entities: [
        {
          name: '1',
          owner: 'test4',
          id: '17XXXX69',
          msgId: '1920',
          groupId: '17XXXX61',
          created: 1650856033420,
          created_iso: '2022-04-25T03:07:13.420Z',
        },
      ],
      cursor: 'ZGXXXXNzg',
    },
  },
  {
    tool: 'easemob_list_user_group_threads',
    label: 'past the last page: empty entities, a cursor still',
    args: { group_id: '17XXXX61', username: 'test4' },
    reply: em({ entities: [], properties: { cursor: 'ZGXXXXEnd' } }),
    expect: { method: 'GET', path: '/org1/app1/threads/chatgroups/17XXXX61/user/test4' },
    result: { entities: [], cursor: 'ZGXXXXEnd' },
  },

  // 45 创建子区
  {
    tool: 'easemob_create_thread',
    args: { group_id: '179800091197441', name: '1', owner: 'test4', msg_id: '1234' },
    reply: {
      json: {
        action: 'post',
        applicationName: 'testapp',
        duration: 4,
        data: { thread_id: '1XXXX7' },
        organization: 'XXXX',
        timestamp: 1650869972109,
        uri: 'https://XXXX/XXXX/XXXX/thread',
      },
    },
    expect: {
      method: 'POST',
      path: '/org1/app1/thread',
      json: { group_id: '179800091197441', name: '1', owner: 'test4', msg_id: '1234' },
    },
    result: { data: { thread_id: '1XXXX7' } },
  },

  // 46 修改子区
  {
    tool: 'easemob_rename_thread',
    args: { thread_id: '1XXXX7', name: 'test4' },
    reply: em({ data: { name: 'test4' } }, 'put'),
    expect: { method: 'PUT', path: '/org1/app1/thread/1XXXX7', json: { name: 'test4' } },
    result: { untrusted: ['/data/name'], data: { name: 'test4' } },
  },

  // 47 删除子区
  {
    tool: 'easemob_delete_thread',
    args: { thread_id: '1XXXX7' },
    reply: em({ data: { status: 'ok' } }, 'delete'),
    expect: { method: 'DELETE', path: '/org1/app1/thread/1XXXX7' },
    result: { data: { status: 'ok' } },
  },

  // 48 获取子区成员列表(分页)
  {
    tool: 'easemob_list_thread_members',
    args: { thread_id: '1XXXX8' },
    reply: em({ data: { affiliations: ['test4'] }, properties: { cursor: 'ZGNXXXXyMA' } }),
    expect: { method: 'GET', path: '/org1/app1/thread/1XXXX8/users' },
    result: { data: { affiliations: ['test4'] }, cursor: 'ZGNXXXXyMA' },
    textIncludes: ['cursor="ZGNXXXXyMA"'],
  },
  {
    tool: 'easemob_list_thread_members',
    label: 'limit and cursor',
    args: { thread_id: '1XXXX8', limit: 50, cursor: 'ZGNXXXXyMA' },
    reply: em({ data: { affiliations: ['test5', 'test6'] }, properties: {} }),
    expect: { method: 'GET', path: '/org1/app1/thread/1XXXX8/users', query: { limit: '50', cursor: 'ZGNXXXXyMA' } },
    result: { data: { affiliations: ['test5', 'test6'] } },
  },

  // 49 用户批量加入子区
  {
    tool: 'easemob_add_thread_members',
    args: { thread_id: '1XXXX8', usernames: ['test2', 'test3'] },
    reply: em({ data: { status: 'ok' } }, 'post'),
    expect: { method: 'POST', path: '/org1/app1/thread/1XXXX8/users', json: { usernames: ['test2', 'test3'] } },
    result: { data: { status: 'ok' } },
  },

  // 50 批量踢出子区成员 (DELETE with JSON body {"usernames":[…]})
  {
    tool: 'easemob_kick_thread_members',
    args: { thread_id: '1XXXX8', usernames: ['test2', 'test6'] },
    reply: em(
      {
        entities: [
          { result: false, user: 'test2' },
          { result: false, user: 'test6' },
        ],
      },
      'delete',
    ),
    expect: { method: 'DELETE', path: '/org1/app1/thread/1XXXX8/users', json: { usernames: ['test2', 'test6'] } },
    result: {
      entities: [
        { result: false, user: 'test2' },
        { result: false, user: 'test6' },
      ],
    },
    textIncludes: ['2 item(s)', '2 failed (see reason)'],
  },
  {
    tool: 'easemob_kick_thread_members',
    label: 'one member kicked',
    args: { thread_id: '1XXXX8', usernames: ['test3'] },
    reply: em({ entities: [{ result: true, user: 'test3' }] }, 'delete'),
    expect: { method: 'DELETE', path: '/org1/app1/thread/1XXXX8/users', json: { usernames: ['test3'] } },
    result: { entities: [{ result: true, user: 'test3' }] },
  },
];

/**
 * A permanent mute (`mute_duration: -1`, documented by the vendor). The server refuses it before sending unless
 * the operator lifts the cap (`IM_ADMIN_MAX_MUTE_MS=-1`); the contract harness starts its server without that
 * setting, so this case is kept apart. Add it to `easemobCases` once the harness passes
 * `IM_ADMIN_MAX_MUTE_MS: '-1'` in `fake.env(…)`.
 */
export const easemobPermanentMuteCase: ContractCase = {
  tool: 'easemob_mute_members',
  label: 'permanent: mute_duration -1',
  args: { group_id: '10XXXX85', usernames: ['user1', 'user2'], mute_duration: -1 },
  reply: em(
    {
      entities: [],
      data: [
        { result: true, expire: -1, user: 'user1' },
        { result: true, expire: -1, user: 'user2' },
      ],
    },
    'post',
  ),
  expect: {
    method: 'POST',
    path: `${G}/10XXXX85/mute`,
    json: { usernames: ['user1', 'user2'], mute_duration: -1 },
  },
  result: {
    data: [
      { result: true, expire: -1, expire_text: 'never (until unmuted)', user: 'user1' },
      { result: true, expire: -1, expire_text: 'never (until unmuted)', user: 'user2' },
    ],
  },
};
