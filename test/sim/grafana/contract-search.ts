import { expect } from 'vitest';
import { msg, type Case } from './contract-case.js';
import { bearer } from './helpers.js';

const titles = (body: Array<{ title: string }>) => body.map((h) => h.title);

/**
 * `GET /api/search` (row 14; Grafana: pkg/api/search.go `Search`, pkg/services/search
 * `sortedHits`). The fixture: folder 1 infra "Infrastructure" with dashboard 2 "Nodes" (tag
 * infra), dashboard 3 "Home" in General.
 */
export const searchCases: Case[] = [
  { name: 'GET /api/search lists folders first, then by title (sortedHits)', method: 'GET', path: '/api/search', status: 200, after: (res) => expect(titles(res.body)).toEqual(['Infrastructure', 'Home', 'Nodes']) },
  // SQL ORDER BY title picks the page (Home, Infrastructure), then sortedHits puts the folder first.
  { name: 'GET /api/search re-sorts each page, not the whole list (sortedHits after LIMIT)', method: 'GET', path: '/api/search?limit=2', status: 200, after: (res) => expect(titles(res.body)).toEqual(['Infrastructure', 'Home']) },
  {
    name: 'GET /api/search?limit= above 5000: 422', method: 'GET', path: '/api/search?limit=5001', status: 422,
    expect: msg('Limit is above maximum allowed (5000), use page parameter to access hits beyond limit'),
  },
  { name: 'GET /api/search?type=dash-folder', method: 'GET', path: '/api/search?type=dash-folder', status: 200, expect: [{ uid: 'infra', type: 'dash-folder' }] },
  {
    name: 'GET /api/search?type=dash-db', method: 'GET', path: '/api/search?type=dash-db', status: 200,
    expect: [{ uid: 'home', type: 'dash-db' }, { uid: 'nodes', type: 'dash-db', folderUid: 'infra', folderTitle: 'Infrastructure', tags: ['infra'] }],
  },
  { name: 'GET /api/search?query=', method: 'GET', path: '/api/search?query=NOD', status: 200, after: (res) => expect(titles(res.body)).toEqual(['Nodes']) },
  { name: 'GET /api/search pages 1-based with limit', method: 'GET', path: '/api/search?limit=1&page=2', status: 200, after: (res) => expect(titles(res.body)).toEqual(['Infrastructure']) },
  { name: 'GET /api/search?folderUIDs=', method: 'GET', path: '/api/search?folderUIDs=infra', status: 200, after: (res) => expect(titles(res.body)).toEqual(['Nodes']) },
  { name: 'GET /api/search with a token of another org', method: 'GET', path: '/api/search', auth: bearer('org2-admin'), status: 200, after: (res) => expect(titles(res.body)).toEqual(['Ops folder']) },
  { name: 'GET /api/search?folderIds=', method: 'GET', path: '/api/search?folderIds=1', status: 200, after: (res) => expect(titles(res.body)).toEqual(['Nodes']) },
  // Folders sit in Grafana's dashboard table with their parent as folder: folderIds=0 / folderUIDs=general include root folders.
  { name: 'GET /api/search?folderIds=0 is the root: root folders and General dashboards', method: 'GET', path: '/api/search?folderIds=0', status: 200, after: (res) => expect(titles(res.body)).toEqual(['Infrastructure', 'Home']) },
  { name: 'GET /api/search?folderUIDs=general is the root too', method: 'GET', path: '/api/search?folderUIDs=general', status: 200, after: (res) => expect(titles(res.body)).toEqual(['Infrastructure', 'Home']) },
  { name: 'GET /api/search?dashboardUIDs= (folders match their own uid too)', method: 'GET', path: '/api/search?dashboardUIDs=home&dashboardUIDs=infra', status: 200, after: (res) => expect(titles(res.body)).toEqual(['Infrastructure', 'Home']) },
  { name: 'GET /api/search?dashboardIds= (unparsable ids dropped)', method: 'GET', path: '/api/search?dashboardIds=2&dashboardIds=x', status: 200, after: (res) => expect(titles(res.body)).toEqual(['Nodes']) },
  { name: 'GET /api/search with dashboardIds and dashboardUIDs: 400', method: 'GET', path: '/api/search?dashboardIds=2&dashboardUIDs=home', status: 400, expect: msg('search supports UIDs or IDs, not both') },
  { name: 'GET /api/search?tag=', method: 'GET', path: '/api/search?tag=infra', status: 200, after: (res) => expect(titles(res.body)).toEqual(['Nodes']) },
];
