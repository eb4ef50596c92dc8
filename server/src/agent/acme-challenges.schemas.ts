import { Type } from 'typebox';

const Token = Type.String({ pattern: '^[A-Za-z0-9_-]{16,256}$' });

export const ChallengeParams = Type.Object({ token: Token }, { additionalProperties: false });

export const Challenges = Type.Object({
  challenges: Type.Array(
    Type.Object({
      token: Token,
      keyAuthorization: Type.String(),
      /** Already reported in place: the agent need not report it again. */
      placed: Type.Boolean(),
    }),
  ),
});
