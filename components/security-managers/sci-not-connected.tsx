import type { SecurityManagerFormContext } from '@/lib/schemas/security-manager';

type NotConnected = Extract<SecurityManagerFormContext['connection'], { status: 'not_connected' }>;

/**
 * Why this organization's security managers cannot be managed here, and the setting that would
 * change that. An operator's to-do rather than a failure, so it is drawn as a note, not an error.
 */
export function SciNotConnected({ organization, connection }: { organization: SecurityManagerFormContext['organization']; connection: NotConnected }) {
  const sciName = organization.sci ? `${organization.sci.name} (SCI ${organization.sci.id})` : 'its Tenable.sc instance';
  const example = JSON.stringify({ scis: [{ id: connection.sciId ?? 0, url: 'https://tenable-sc.example.org', accessKey: '…', secretKey: '…' }] }, null, 2);
  return (
    <section
      aria-labelledby="sci-not-connected-title"
      data-testid="sci-not-connected"
      className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950"
    >
      <h3 id="sci-not-connected-title" className="font-semibold">
        {sciName} is not connected to ScanDeck
      </h3>
      <p data-testid="sci-not-connected-reason">{connection.reason}</p>
      <p>Until then they cannot be listed or changed here, and nothing is sent to that instance, nor to Director in its place.</p>
      {connection.sciId !== null ? (
        <div className="space-y-1">
          <p>
            An operator adds the connection to the JSON file named by <code className="font-mono font-semibold">{connection.setting}</code> (mode 0600) and
            restarts ScanDeck:
          </p>
          <pre className="overflow-x-auto rounded-md bg-white/70 p-3 font-mono text-xs" data-testid="sci-connection-example">
            {example}
          </pre>
        </div>
      ) : null}
    </section>
  );
}
