import { expect } from 'vitest';
import { call } from './helpers.js';
import { authCases, link, msg, O, type Case } from './contract-case.js';

/** Contract rows: the org root, dashboards, datasources, their permissions, schema sync. */
export const resourceCases: Case[] = [
  // ---- GET /{org} ----
  {
    name: 'org root links teams and users with curies',
    method: 'GET',
    path: O,
    status: 200,
    expect: {
      _links: {
        self: link('/example-org/'),
        curies: [expect.objectContaining({ name: 'chartio', templated: true })],
        'chartio:teams': link('/example-org/teams/'),
        'chartio:users': link('/example-org/users/'),
      },
    },
  },
  ...authCases('GET', ''),

  // ---- dashboards ----
  {
    name: 'list dashboards',
    method: 'GET',
    path: `${O}/dashboards`,
    status: 200,
    expect: {
      _links: { self: link('/example-org/dashboards/') },
      count: 2,
      dashboards: [
        {
          _links: { self: link('/example-org/dashboards/1'), permissions: link('/example-org/dashboards/1/permissions') },
          id: 1,
          slug: 'example-dashboard',
          title: 'Example Dashboard',
          link_sharing_access: 'none',
          created_at: '2020-01-01T00:00:00Z',
          updated_at: '2020-01-01T00:00:00Z',
        },
        { id: 2, slug: 'empty-dashboard' },
      ],
    },
  },
  ...authCases('GET', '/dashboards'),
  { name: 'get a dashboard', method: 'GET', path: `${O}/dashboards/1`, status: 200, expect: { id: 1, slug: 'example-dashboard' } },
  { name: 'get a dashboard with a trailing slash', method: 'GET', path: `${O}/dashboards/1/`, status: 200, expect: { id: 1 } },
  { name: 'get an unknown dashboard', method: 'GET', path: `${O}/dashboards/99`, status: 404, expect: msg('Dashboard was not found.') },
  { name: 'get a dashboard by a non-integer id', method: 'GET', path: `${O}/dashboards/abc`, status: 404 },
  ...authCases('GET', '/dashboards/1'),
  { name: 'dashboards cannot be deleted (405)', method: 'DELETE', path: `${O}/dashboards/1`, status: 405, headers: { allow: 'GET' } },

  // ---- dashboard permissions ----
  {
    name: 'list dashboard permissions',
    method: 'GET',
    path: `${O}/dashboards/1/permissions`,
    status: 200,
    expect: {
      _links: { self: link('/example-org/dashboards/1/permissions/') },
      count: 2,
      permissions: [
        {
          _links: { self: link('/example-org/dashboards/1/permissions/1/') },
          _embedded: { team: { _links: { self: link('/example-org/teams/3/') }, id: 3, name: 'Marketing' } },
          id: 1,
          access_level: 'editor',
        },
        {
          _embedded: { user: { _links: { self: link('/example-org/users/2/') }, id: 2, display_name: 'Alice', email: 'alice@example.com' } },
          id: 2,
          access_level: 'viewer',
        },
      ],
    },
  },
  { name: 'list permissions of an unknown dashboard', method: 'GET', path: `${O}/dashboards/99/permissions`, status: 404 },
  ...authCases('GET', '/dashboards/1/permissions'),
  {
    name: 'POST a new team permission creates it (201 + Location)',
    method: 'POST',
    path: `${O}/dashboards/1/permissions`,
    body: { team_id: 4, access_level: 'viewer' },
    status: 201,
    expect: { id: 3, access_level: 'viewer', _embedded: { team: { id: 4, name: 'Sales' } } },
    headers: { location: '/example-org/dashboards/1/permissions/3/' },
  },
  {
    name: 'POST a new user permission creates it (201)',
    method: 'POST',
    path: `${O}/dashboards/1/permissions/`,
    body: { user_id: 3, access_level: 'admin' },
    status: 201,
    expect: { id: 3, access_level: 'admin', _embedded: { user: { id: 3, email: 'bob@example.com' } } },
  },
  {
    name: 'POST for a principal that has a permission updates it (200, same id)',
    method: 'POST',
    path: `${O}/dashboards/1/permissions`,
    body: { team_id: 3, access_level: 'admin' },
    status: 200,
    expect: { id: 1, access_level: 'admin' },
    after: async (_res, { sim }) => {
      const list = await call(sim, 'GET', `${O}/dashboards/1/permissions`);
      expect(list.body.count).toBe(2);
    },
  },
  { name: 'POST with an unknown team (400)', method: 'POST', path: `${O}/dashboards/1/permissions`, body: { team_id: 99, access_level: 'viewer' }, status: 400, expect: msg(/does not exist in the org/) },
  { name: 'POST with an unknown user (400)', method: 'POST', path: `${O}/dashboards/1/permissions`, body: { user_id: 99, access_level: 'viewer' }, status: 400 },
  { name: 'POST with an invalid level (400)', method: 'POST', path: `${O}/dashboards/1/permissions`, body: { team_id: 4, access_level: 'owner' }, status: 400, expect: msg(/invalid access level/) },
  { name: 'POST with both team and user (400)', method: 'POST', path: `${O}/dashboards/1/permissions`, body: { team_id: 4, user_id: 2, access_level: 'viewer' }, status: 400 },
  { name: 'POST with no principal (400)', method: 'POST', path: `${O}/dashboards/1/permissions`, body: { access_level: 'viewer' }, status: 400 },
  { name: 'POST a body that is not JSON (400)', method: 'POST', path: `${O}/dashboards/1/permissions`, rawBody: '{"team_id": 4,', status: 400, expect: msg(/not valid JSON/) },
  { name: 'POST on an unknown dashboard (404)', method: 'POST', path: `${O}/dashboards/99/permissions`, body: { team_id: 4, access_level: 'viewer' }, status: 404 },
  ...authCases('POST', '/dashboards/1/permissions', { team_id: 4, access_level: 'viewer' }),
  { name: 'get a team permission', method: 'GET', path: `${O}/dashboards/1/permissions/1`, status: 200, expect: { id: 1, _embedded: { team: { id: 3 } } } },
  { name: 'get a user permission', method: 'GET', path: `${O}/dashboards/1/permissions/2/`, status: 200, expect: { id: 2, _embedded: { user: { id: 2 } } } },
  { name: 'get an unknown permission', method: 'GET', path: `${O}/dashboards/1/permissions/99`, status: 404, expect: msg('Permission was not found.') },
  { name: 'a permission is only found under its dashboard', method: 'GET', path: `${O}/dashboards/2/permissions/1`, status: 404 },
  ...authCases('GET', '/dashboards/1/permissions/1'),
  { name: 'PUT a permission level', method: 'PUT', path: `${O}/dashboards/1/permissions/1`, body: { access_level: 'admin' }, status: 200, expect: { id: 1, access_level: 'admin' } },
  { name: 'PUT an invalid level (400)', method: 'PUT', path: `${O}/dashboards/1/permissions/1`, body: { access_level: 'owner' }, status: 400 },
  { name: 'PUT an unknown permission (404)', method: 'PUT', path: `${O}/dashboards/1/permissions/99`, body: { access_level: 'admin' }, status: 404 },
  ...authCases('PUT', '/dashboards/1/permissions/1', { access_level: 'admin' }),
  { name: 'PATCH a permission level', method: 'PATCH', path: `${O}/dashboards/1/permissions/2/`, body: { access_level: 'editor' }, status: 200, expect: { id: 2, access_level: 'editor' } },
  { name: 'PATCH an invalid level (400)', method: 'PATCH', path: `${O}/dashboards/1/permissions/2`, body: { access_level: 'none' }, status: 400 },
  { name: 'PATCH an unknown permission (404)', method: 'PATCH', path: `${O}/dashboards/1/permissions/99`, body: { access_level: 'admin' }, status: 404 },
  ...authCases('PATCH', '/dashboards/1/permissions/1', { access_level: 'admin' }),
  {
    name: 'DELETE a permission (204), then it is gone',
    method: 'DELETE',
    path: `${O}/dashboards/1/permissions/1`,
    status: 204,
    after: async (_res, { sim }) => {
      expect((await call(sim, 'GET', `${O}/dashboards/1/permissions/1`)).status).toBe(404);
    },
  },
  { name: 'DELETE an unknown permission (404)', method: 'DELETE', path: `${O}/dashboards/1/permissions/99`, status: 404 },
  ...authCases('DELETE', '/dashboards/1/permissions/1'),

  // ---- datasources ----
  {
    name: 'list datasources',
    method: 'GET',
    path: `${O}/datasources/`,
    status: 200,
    expect: {
      _links: { self: link('/example-org/datasources/') },
      count: 2,
      datasources: [
        {
          _links: {
            self: link('/example-org/datasources/1/'),
            permissions: link('/example-org/datasources/1/permissions/'),
            'schema-sync': link('/example-org/datasources/1/schema-sync/'),
          },
          id: 1,
          alias: 'Data Warehouse',
          slug: 'data-warehouse',
          dstype: 'Redshift',
          last_reflected: null,
          last_refreshed_at: null,
        },
        { id: 2, slug: 'events' },
      ],
    },
  },
  ...authCases('GET', '/datasources'),
  { name: 'get a datasource', method: 'GET', path: `${O}/datasources/1`, status: 200, expect: { id: 1, alias: 'Data Warehouse' } },
  { name: 'get an unknown datasource', method: 'GET', path: `${O}/datasources/99`, status: 404, expect: msg('DataSource was not found.') },
  ...authCases('GET', '/datasources/1'),
  { name: 'PATCH the alias', method: 'PATCH', path: `${O}/datasources/1`, body: { alias: 'Data Warehouse (Redshift)' }, status: 200, expect: { id: 1, alias: 'Data Warehouse (Redshift)', updated_at: '2024-01-15T12:00:00Z' } },
  { name: 'PATCH last_refreshed_at to server time', method: 'PATCH', path: `${O}/datasources/1/`, body: { last_refreshed_at: '2024-01-15T12:00:00Z' }, status: 200, expect: { last_refreshed_at: '2024-01-15T12:00:00Z' } },
  { name: 'PATCH last_refreshed_at 9 minutes back, with an offset', method: 'PATCH', path: `${O}/datasources/1`, body: { last_refreshed_at: '2024-01-15T13:51:00.000000+02:00' }, status: 200, expect: { last_refreshed_at: '2024-01-15T11:51:00Z' } },
  { name: 'PATCH last_refreshed_at 11 minutes back (400)', method: 'PATCH', path: `${O}/datasources/1`, body: { last_refreshed_at: '2024-01-15T11:49:00Z' }, status: 400, expect: msg(/within 10 minutes/) },
  { name: 'PATCH last_refreshed_at 11 minutes ahead (400)', method: 'PATCH', path: `${O}/datasources/1`, body: { last_refreshed_at: '2024-01-15T12:11:00Z' }, status: 400 },
  { name: 'PATCH last_refreshed_at that is not a date-time (400)', method: 'PATCH', path: `${O}/datasources/1`, body: { last_refreshed_at: 'yesterday' }, status: 400 },
  { name: 'PATCH an empty alias (400)', method: 'PATCH', path: `${O}/datasources/1`, body: { alias: '' }, status: 400 },
  {
    name: 'PATCH a read-only property (400) changes nothing',
    method: 'PATCH',
    path: `${O}/datasources/1`,
    body: { alias: 'Renamed', slug: 'x' },
    status: 400,
    after: async (_res, { sim }) => {
      expect((await call(sim, 'GET', `${O}/datasources/1`)).body.alias).toBe('Data Warehouse');
    },
  },
  { name: 'PATCH an unknown datasource (404)', method: 'PATCH', path: `${O}/datasources/99`, body: { alias: 'x' }, status: 404 },
  ...authCases('PATCH', '/datasources/1', { alias: 'x' }),

  // ---- datasource permissions (editor/admin only) ----
  { name: 'list datasource permissions', method: 'GET', path: `${O}/datasources/1/permissions`, status: 200, expect: { count: 1, _links: { self: link('/example-org/datasources/1/permissions/') }, permissions: [{ id: 1, access_level: 'editor', _embedded: { team: { id: 3 } } }] } },
  { name: 'list permissions of an unknown datasource', method: 'GET', path: `${O}/datasources/99/permissions`, status: 404 },
  ...authCases('GET', '/datasources/1/permissions'),
  { name: 'POST a datasource permission (201)', method: 'POST', path: `${O}/datasources/1/permissions`, body: { user_id: 2, access_level: 'admin' }, status: 201, expect: { id: 2, access_level: 'admin', _links: { self: link('/example-org/datasources/1/permissions/2/') } }, headers: { location: '/example-org/datasources/1/permissions/2/' } },
  { name: 'POST an existing datasource principal (200)', method: 'POST', path: `${O}/datasources/1/permissions`, body: { team_id: 3, access_level: 'admin' }, status: 200, expect: { id: 1, access_level: 'admin' } },
  { name: 'POST viewer on a datasource (400: editor/admin only)', method: 'POST', path: `${O}/datasources/1/permissions`, body: { team_id: 4, access_level: 'viewer' }, status: 400 },
  { name: 'POST an unknown user on a datasource (400)', method: 'POST', path: `${O}/datasources/1/permissions`, body: { user_id: 42, access_level: 'editor' }, status: 400 },
  ...authCases('POST', '/datasources/1/permissions', { team_id: 4, access_level: 'editor' }),
  { name: 'get a datasource permission', method: 'GET', path: `${O}/datasources/1/permissions/1`, status: 200, expect: { id: 1, access_level: 'editor' } },
  { name: 'get an unknown datasource permission', method: 'GET', path: `${O}/datasources/1/permissions/7`, status: 404 },
  ...authCases('GET', '/datasources/1/permissions/1'),
  { name: 'PUT a datasource permission', method: 'PUT', path: `${O}/datasources/1/permissions/1`, body: { access_level: 'admin' }, status: 200, expect: { access_level: 'admin' } },
  { name: 'PUT viewer on a datasource permission (400)', method: 'PUT', path: `${O}/datasources/1/permissions/1`, body: { access_level: 'viewer' }, status: 400 },
  { name: 'PUT an unknown datasource permission (404)', method: 'PUT', path: `${O}/datasources/1/permissions/7`, body: { access_level: 'admin' }, status: 404 },
  ...authCases('PUT', '/datasources/1/permissions/1', { access_level: 'admin' }),
  { name: 'PATCH a datasource permission', method: 'PATCH', path: `${O}/datasources/1/permissions/1`, body: { access_level: 'admin' }, status: 200, expect: { access_level: 'admin' } },
  { name: 'PATCH viewer on a datasource permission (400)', method: 'PATCH', path: `${O}/datasources/1/permissions/1`, body: { access_level: 'viewer' }, status: 400 },
  { name: 'PATCH an unknown datasource permission (404)', method: 'PATCH', path: `${O}/datasources/1/permissions/7`, body: { access_level: 'admin' }, status: 404 },
  ...authCases('PATCH', '/datasources/1/permissions/1', { access_level: 'admin' }),
  { name: 'DELETE a datasource permission (204)', method: 'DELETE', path: `${O}/datasources/1/permissions/1/`, status: 204 },
  { name: 'DELETE an unknown datasource permission (404)', method: 'DELETE', path: `${O}/datasources/1/permissions/7`, status: 404 },
  ...authCases('DELETE', '/datasources/1/permissions/1'),

  // ---- schema sync ----
  {
    name: 'POST schema-sync answers 202 with Location and task_id',
    method: 'POST',
    path: `${O}/datasources/1/schema-sync`,
    status: 202,
    expect: { task_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) },
    after: (res) => {
      expect(res.headers.get('location')).toBe(`/example-org/datasources/1/schema-sync/tasks/${res.body.task_id}`);
    },
  },
  { name: 'POST schema-sync on an unknown datasource (404)', method: 'POST', path: `${O}/datasources/99/schema-sync/`, status: 404 },
  ...authCases('POST', '/datasources/1/schema-sync'),
  { name: 'poll an unknown task (404)', method: 'GET', path: `${O}/datasources/1/schema-sync/tasks/nope`, status: 404 },
  ...authCases('GET', '/datasources/1/schema-sync/tasks/nope'),

];
