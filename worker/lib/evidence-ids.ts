// Random ids for evidence files (`ev_…`) and uploads (`up_…`): 26 base32 characters, 130 random bits — unguessable,
// so an id alone never opens anything (reading needs the owner's token or a short-lived link anyway).
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function random26(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(26));
  return [...bytes].map((b) => ALPHABET[b & 31]).join('');
}

export const newEvidenceId = () => `ev_${random26()}`;
export const newUploadId = () => `up_${random26()}`;
