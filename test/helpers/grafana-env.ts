/** The GRAFANA_* variables blanked for a child CLI run, so the caller's own environment never takes part. */
export const NO_GRAFANA_ENV = { GRAFANA_URL: '', GRAFANA_USER: '', GRAFANA_PASSWORD: '', GRAFANA_TOKEN: '' };
