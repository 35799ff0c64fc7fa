/** Logs on to the emulator at `url` as its default account; the session token. */
export async function logOn(url) {
  const logon = await fetch(`${url}/api/sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from('emulator:emulator').toString('base64')}` },
  });
  await logon.text();
  return logon.headers.get('x-restsvcsessionid');
}
