/** Every API route and the use case that answers it (the route keys are route-keys.ts's, as API Gateway names them). */
import type { RouteKey } from './route-keys.ts';
import type { ApiContext } from './api-context.ts';
import type { ApiAnswer, ApiRequest } from './http.ts';
import { deleteMyData } from './data.ts';
import { getReportLink } from './reports.ts';
import { getSettings, putSettings } from './settings.ts';
import { createUpload, getUpload } from './uploads.ts';
import { listVerdicts } from './verdicts.ts';
import { getYearStats, listYears } from './years.ts';

export type Route = (req: ApiRequest, ctx: ApiContext) => Promise<ApiAnswer>;

export const API_ROUTES: Record<RouteKey, Route> = {
  'POST /uploads': createUpload,
  'GET /uploads/{uploadId}': getUpload,
  'GET /years': listYears,
  'GET /stats/{year}': getYearStats,
  'GET /verdicts': listVerdicts,
  'GET /reports/{year}': getReportLink,
  'GET /settings': getSettings,
  'PUT /settings': putSettings,
  'DELETE /data': deleteMyData,
};
