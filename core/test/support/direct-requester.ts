import { ClientError, serviceErrorToClient, type MmsRequester } from '../../client';
import {
  decodeMmsPdu,
  encodeConfirmedError,
  encodeConfirmedRequest,
  encodeConfirmedResponse,
  type ConfirmedRequest,
  type ConfirmedResponse,
} from '../../mms';
import type { ModelIed } from './model-ied';

/**
 * An MmsRequester that answers from a ModelIed without sockets or ISO, but through the real MMS codec
 * both ways (request encoded and decoded, answer encoded and decoded), so what the client sends is what
 * a server would read.
 */
export function directRequester(ied: ModelIed, maxPduSize = 65000): MmsRequester & { count: number } {
  let invokeId = 0;
  const requester = {
    count: 0,
    negotiated: { maxPduSize },
    async request(request: ConfirmedRequest): Promise<ConfirmedResponse> {
      const id = ++invokeId;
      requester.count++;
      const wire = decodeMmsPdu(encodeConfirmedRequest(id, request));
      if (wire.kind !== 'confirmed-request') throw new Error('codec lost the request');
      const answer = ied.answer(wire.request);
      const bytes =
        'error' in answer ? encodeConfirmedError(id, answer.error) : encodeConfirmedResponse(id, answer);
      if (bytes.length > maxPduSize)
        throw new ClientError('too-large', `response of ${bytes.length} octets exceeds ${maxPduSize}`);
      const back = decodeMmsPdu(bytes);
      if (back.kind === 'confirmed-error') throw serviceErrorToClient(back.error, `invoke id ${id}`);
      if (back.kind !== 'confirmed-response') throw new Error('codec lost the response');
      return back.response;
    },
  };
  return requester;
}
