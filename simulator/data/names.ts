/** Name lists for seeded records: varied enough that demo tables look like a real estate. */
export const firstNames = [
  'Aisha', 'Alejandro', 'Amara', 'Andrei', 'Anna', 'Arjun', 'Beatriz', 'Ben', 'Camille', 'Carlos',
  'Chen', 'Chloe', 'Daniel', 'Dmitri', 'Elena', 'Emeka', 'Emma', 'Fatima', 'Felix', 'Freya',
  'Gabriel', 'Grace', 'Hana', 'Hassan', 'Ingrid', 'Isabel', 'Ivan', 'Jakub', 'James', 'Jin',
  'Julia', 'Kai', 'Karin', 'Kenji', 'Laila', 'Lars', 'Leila', 'Liam', 'Lucia', 'Mai',
  'Marco', 'Maria', 'Mateo', 'Mei', 'Mohammed', 'Nadia', 'Niamh', 'Nikhil', 'Noah', 'Olga',
  'Omar', 'Pablo', 'Priya', 'Rafael', 'Rania', 'Rohan', 'Sakura', 'Samuel', 'Sara', 'Sean',
  'Sofia', 'Sven', 'Tariq', 'Thomas', 'Tomasz', 'Valentina', 'Victor', 'Wei', 'Yara', 'Yusuf',
  'Zainab', 'Zoe',
] as const;

export const lastNames = [
  'Adeyemi', 'Andersen', 'Bauer', 'Becker', 'Bianchi', 'Brennan', 'Castillo', 'Chen', 'Costa', 'Dubois',
  'Eriksson', 'Fernandes', 'Fischer', 'Garcia', 'Gupta', 'Haddad', 'Hansen', 'Hoffmann', 'Ibrahim', 'Ivanova',
  'Jansen', 'Kapoor', 'Kim', 'Kowalski', 'Kumar', 'Lambert', 'Larsen', 'Lee', 'Lopez', 'Marino',
  'Martin', 'Meyer', 'Moreau', 'Murphy', 'Nakamura', 'Nguyen', 'Novak', 'O\'Brien', 'Okafor', 'Olsen',
  'Park', 'Patel', 'Petrov', 'Popescu', 'Quinn', 'Rahman', 'Reyes', 'Rossi', 'Sato', 'Schmidt',
  'Silva', 'Singh', 'Sokolov', 'Suzuki', 'Tanaka', 'Torres', 'Van Dijk', 'Walsh', 'Weber', 'Wong',
  'Yamamoto', 'Zhang', 'Zielinski',
] as const;

export const jobTitles = [
  'Security Engineer', 'Security Analyst', 'Vulnerability Manager', 'SOC Analyst', 'IT Operations Lead',
  'Network Engineer', 'Systems Administrator', 'Compliance Officer', 'Cloud Engineer', 'Risk Analyst',
  'Security Architect', 'Infrastructure Manager',
] as const;

export const cities = [
  { city: 'New York', state: 'NY', country: 'US' },
  { city: 'Boston', state: 'MA', country: 'US' },
  { city: 'Atlanta', state: 'GA', country: 'US' },
  { city: 'Chicago', state: 'IL', country: 'US' },
  { city: 'Austin', state: 'TX', country: 'US' },
  { city: 'Seattle', state: 'WA', country: 'US' },
  { city: 'Dublin', state: '', country: 'IE' },
  { city: 'London', state: '', country: 'GB' },
  { city: 'Amsterdam', state: '', country: 'NL' },
  { city: 'Frankfurt', state: '', country: 'DE' },
  { city: 'Paris', state: '', country: 'FR' },
  { city: 'Singapore', state: '', country: 'SG' },
  { city: 'Tokyo', state: '', country: 'JP' },
  { city: 'Sydney', state: 'NSW', country: 'AU' },
] as const;

export const streets = [
  'Main Street', 'Harbour Road', 'Park Avenue', 'Station Road', 'King Street', 'Market Square',
  'Innovation Way', 'Riverside Drive', 'Elm Street', 'Kaiserstrasse', 'Rue de Rivoli', 'Orchard Road',
] as const;

export const orgNames = [
  'Corporate IT', 'Retail Payments', 'Manufacturing OT', 'Research & Development', 'Finance Systems',
  'Cloud Platform', 'Customer Portal', 'Healthcare Division', 'Logistics', 'Shared Services',
  'Trading Desk', 'HR & Payroll', 'Data Centre Operations', 'Mobile Apps', 'Marketing Web',
  'Legal & Compliance', 'Call Centre', 'Engineering Labs', 'Branch Network', 'Security Operations',
] as const;

export const scanNames = [
  'Weekly PCI external', 'DMZ web servers', 'Quarterly credentialed Windows', 'Linux patch audit',
  'Internal network discovery', 'Database servers CIS audit', 'VPN concentrators', 'Mail gateways',
  'Nightly critical assets', 'Domain controllers', 'Branch office sweep', 'Cloud VPC hosts',
  'Kubernetes nodes', 'Printers and IoT', 'SCADA segment (safe checks)', 'Payment card zone',
  'Developer workstations', 'Executive laptops', 'Public website', 'Load balancers',
  'Backup servers', 'Citrix farm', 'Jump hosts', 'Oracle estate', 'SAP landscape',
  'Log4Shell sweep', 'TLS certificate check', 'Monthly full audit', 'New subnet onboarding',
  'Hypervisor hosts', 'Wi-Fi controllers', 'Remote access gateways',
] as const;

export const scanQualifiers = [
  'EU', 'US', 'APAC', 'prod', 'staging', 'DR site', 'HQ', 'lab', 'phase 2', 'after patching',
] as const;

export const scanDescriptions = [
  '', '', 'Owned by the infrastructure team; results feed the monthly risk report.',
  'Credentialed scan; credentials are rotated quarterly.', 'Runs outside business hours.',
  'Required for PCI DSS 11.3 evidence.', 'Safe checks only: fragile devices in range.',
  'Ad hoc scan requested by the change board.', 'Covers hosts added in the last migration wave.',
] as const;

export const policyNames = [
  'Basic Network Scan', 'Advanced Scan', 'Credentialed Patch Audit', 'PCI Quarterly External Scan',
  'Web Application Tests', 'Host Discovery', 'Malware Scan', 'CIS Benchmark Audit', 'SCAP and OVAL Audit',
  'Log4Shell Detection',
] as const;

export const repositoryNames = [
  { name: 'Production IPv4', dataFormat: 'IPv4' },
  { name: 'Production IPv6', dataFormat: 'IPv6' },
  { name: 'DMZ', dataFormat: 'IPv4' },
  { name: 'Agents', dataFormat: 'agent' },
  { name: 'Lab', dataFormat: 'IPv4' },
] as const;

export const zoneNames = [
  { name: 'Default Zone', ipList: '0.0.0.0/0' },
  { name: 'Datacenter A', ipList: '10.10.0.0/16' },
  { name: 'Datacenter B', ipList: '10.20.0.0/16' },
  { name: 'DMZ Zone', ipList: '172.16.0.0/20' },
] as const;

export const assetNames = [
  { name: 'Windows Hosts', type: 'dynamic', description: 'The operating system detected has Windows installed.' },
  { name: 'Linux Hosts', type: 'dynamic', description: 'The operating system detected has Linux installed.' },
  { name: 'Web Servers', type: 'dynamic', description: 'Hosts answering on HTTP or HTTPS.' },
  { name: 'Critical Servers', type: 'static', description: 'Hosts the business classifies as critical.' },
  { name: 'PCI Cardholder Environment', type: 'static', description: 'In scope for PCI DSS.' },
  { name: 'Network Devices', type: 'dynamic', description: 'Routers, switches and firewalls.' },
] as const;

export const hostPrefixes = ['web', 'app', 'db', 'mail', 'vpn', 'dc', 'files', 'k8s-node', 'jump', 'api'] as const;
export const domains = ['example.com', 'corp.example.net', 'internal.example.org'] as const;
