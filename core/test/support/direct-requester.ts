import { serviceErrorToClient, type MmsRequester } from '../../client';
import {
  decodeMmsPdu,
  encodeConfirmedError,
  encodeConfirmedRequest,
  encodeConfirmedResponse,
  serviceErrorByName,
  type ConfirmedRequest,
  type ConfirmedResponse,
} from '../../mms';
import { dispatch, type ClientContext, type ServerDataModel } from '../../server';

/**
 * An MmsRequester that answers from a server data model through the server's own dispatcher, without
 * sockets or ISO, but through the real MMS codec both ways (request encoded and decoded, answer encoded
 * and decoded), so what the client sends is what a server reads. Records every request it served.
 */
export function directRequester(
  model: ServerDataModel,
  maxPduSize = 65000,
): MmsRequester & { count: number; requests: ConfirmedRequest[] } {
  let invokeId = 0;
  const ctx: ClientContext = {
    id: -1,
    remote: 'direct:0',
    maxPduSize,
    closed: false,
    sendReport: () => undefined,
    onClose: () => undefined,
  };
  const requester = {
    count: 0,
    requests: [] as ConfirmedRequest[],
    negotiated: { maxPduSize },
    async request(request: ConfirmedRequest): Promise<ConfirmedResponse> {
      const id = ++invokeId;
      requester.count++;
      const wire = decodeMmsPdu(encodeConfirmedRequest(id, request));
      if (wire.kind !== 'confirmed-request') throw new Error('codec lost the request');
      requester.requests.push(wire.request);
      const answer = dispatch(model, wire.request, ctx);
      let bytes = 'error' in answer ? encodeConfirmedError(id, answer.error) : encodeConfirmedResponse(id, answer);
      if (bytes.length > maxPduSize)
        bytes = encodeConfirmedError(id, serviceErrorByName('service/pdu-size'));
      const back = decodeMmsPdu(bytes);
      if (back.kind === 'confirmed-error') throw serviceErrorToClient(back.error, `invoke id ${id}`);
      if (back.kind !== 'confirmed-response') throw new Error('codec lost the response');
      return back.response;
    },
  };
  return requester;
}
