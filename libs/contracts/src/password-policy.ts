/**
 * Password policy (docs/security.md, ASVS 5.0 L2): no composition rules; 8 to 128 characters
 * (counted as Unicode code points, never truncated); the most common passwords refused.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common';

// Passwords of 8+ characters that top the leaked-password lists, worldwide and in China.
// Compared case-insensitively; shorter ones are already refused by length.
const COMMON = `
12345678 123456789 1234567890 0123456789 11111111 00000000 88888888 66666666 12341234 123123123
87654321 11223344 12344321 11112222 5201314520 52013145 1314520520 13145200 woaini1314 woaini520
iloveyou iloveyou1 iloveyou2 password password1 password123 passw0rd p@ssw0rd p@ssword passwort
qwertyui qwertyuiop qwerty123 qwerty12 1qaz2wsx 1q2w3e4r 1q2w3e4r5t zaq12wsx qazwsxedc qaz123456
abc12345 abcd1234 abc123456 a1234567 a12345678 a123456789 aa123456 aa12345678 asd12345 asdfghjk
asdfghjkl asdf1234 zxcvbnm1 zxcvbnm123 q1w2e3r4 q1w2e3r4t5 1a2b3c4d admin123 admin1234 administrator
root1234 welcome1 welcome123 sunshine princess football baseball superman batman123 trustno1
letmein1 letmein123 starwars dragon123 monkey123 master123 shadow123 michael1 jennifer
computer internet whatever freedom1 qq123456 qq12345678 wang1234 zhang123 li123456 woaini123
woaini12 wo123456 aini1314 5201314a 123qweasd 123qwe123 qweasdzxc 1234qwer qwer1234 123456abc
123456aa 123456qq 123456as abcdefgh abcdefg1 changeme changeme1 default1 test1234 testtest
guest123 user1234 11111111a 12qwaszx 147258369 159357456 741852963 987654321 123654789
123698745 147852369 456789123 789456123 135792468 246813579 1234abcd password! iloveyou!
`
  .split(/\s+/)
  .filter(Boolean);
const COMMON_SET = new Set(COMMON.map((p) => p.toLowerCase()));

/** Number of Unicode code points: a Chinese passphrase counts one per character. */
export function passwordLength(password: string): number {
  return Array.from(password).length;
}

function isRepetitive(password: string): boolean {
  return /^(.)\1+$/u.test(password);
}

export function passwordProblem(password: string): PasswordProblem | null {
  const n = passwordLength(password);
  if (n < PASSWORD_MIN_LENGTH) return 'too_short';
  if (n > PASSWORD_MAX_LENGTH) return 'too_long';
  if (COMMON_SET.has(password.toLowerCase()) || isRepetitive(password)) return 'too_common';
  return null;
}
