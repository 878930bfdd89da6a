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
