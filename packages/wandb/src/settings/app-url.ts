/** The W&B UI URL for an API URL, by the SDK's rule (`api.wandb.ai` → `wandb.ai`, `api.x` → `app.x`). */
export function appUrlFor(apiUrl: string): string {
  const strip = (url: string) => url.replace(/^\/+|\/+$/g, '');
  if (apiUrl.includes('://api.wandb.test')) return strip(apiUrl.replace('://api.', '://app.'));
  if (apiUrl.includes('://api.wandb.')) return strip(apiUrl.replace('://api.', '://'));
  if (apiUrl.includes('://api.')) return strip(apiUrl.replace('://api.', '://app.'));
  return apiUrl;
}

/** `{app}/{entity}/{project}/runs/{id}`; the id is percent-encoded except `= + & $ @`, as the SDK does. */
export function runUrlFor(appUrl: string, entity: string, project: string, runId: string): string {
  const encoded = encodeURIComponent(runId).replace(/%(3D|2B|26|24|40)/g, (sequence) =>
    decodeURIComponent(sequence),
  );
  return `${appUrl.replace(/\/+$/, '')}/${encodeURIComponent(entity)}/${encodeURIComponent(project)}/runs/${encoded}`;
}
