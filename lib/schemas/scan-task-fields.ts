// HSS scan task constants: plain values, no zod, so a page that only lists can import them without the schema library.
export const scanTypes = ['manual', 'schedule'] as const;

/** Vulnerability types HSS scans; a task or a manual scan names one or more. */
export const vulTypes = ['linux_vul', 'windows_vul', 'web_cms', 'app_vul', 'urgent_vul'] as const;

export const vulTypeLabels: Record<VulType, string> = {
  linux_vul: 'Linux',
  windows_vul: 'Windows',
  web_cms: 'Web-CMS',
  app_vul: 'Application',
  urgent_vul: 'Emergency',
};

export const taskStatuses = ['running', 'finished'] as const;

export const hostScanStatuses = ['scanning', 'success', 'failed'] as const;

export type ScanType = (typeof scanTypes)[number];

export type VulType = (typeof vulTypes)[number];

export type HostScanStatus = (typeof hostScanStatuses)[number];

/** Agent statuses HSS documents for a host (ListHostStatus); the host picker's filter offers these. */
export const agentStatuses = ['online', 'offline', 'not_installed', 'install_failed', 'installing'] as const;
export type AgentStatus = (typeof agentStatuses)[number];

/** Host-picker page sizes: small, since each page is one HSS call. */
export const hostPageSizes = [10, 25, 50] as const;

/**
 * Whether a task is still going: "running" is, "finished" is not, and a status HSS's document
 * does not list counts as going only while HSS gives no end time, so the page keeps refreshing
 * a task that may be live but never a finished one it cannot name.
 */
export function isTaskLive(task: { status?: string | undefined; endTime?: number | undefined }): boolean {
  if (task.status === 'running') return true;
  if (task.status === 'finished') return false;
  return task.endTime === undefined;
}
