import { ConflictError, HubError, InputError } from '../../../src/common/errors';
import { fromWireError, signedPart, toWireError } from '../../../src/common/remote-subject-directory';

describe('subject directory wire format', () => {
  it('a registry refusal crosses the wire with its class, code and path into the input', () => {
    const sent = new InputError('input[3].subject.name: required', { index: 3, field: 'subject.name' });
    const received = fromWireError(JSON.parse(JSON.stringify(toWireError(sent))));
    expect(received).toBeInstanceOf(InputError);
    expect(received.extensions).toEqual({ code: 'BAD_USER_INPUT', index: 3, field: 'subject.name' });
    expect(received.message).toBe(sent.message);
    expect(fromWireError(toWireError(new ConflictError('kind', { index: 0 })))).toBeInstanceOf(ConflictError);
    expect(fromWireError(toWireError(new HubError('RATE_LIMITED', 'x'))).extensions.code).toBe('RATE_LIMITED');
  });

  it('the signature covers the call and all its arguments', () => {
    expect(signedPart({ call: 'describe', args: { ids: ['1'] } })).toEqual({
      query: 'describe',
      variables: { ids: ['1'] },
    });
  });
});
