import type { InteractionData, ResolvedConfig, RoutingConfig } from '../../model/config';
import type { StartRequest } from '../transport';
import type { CreateConversationRequest, JourneyContext } from './cloudWire';
import { ownValue } from '../shared/ownValue';

/** The form fields that have a `customFields` name of their own (`wire-purecloud-v2.md` §2.1). */
const formFieldNames: Record<string, string> = { firstname: 'firstName', lastname: 'lastName', email: 'email', subject: 'subject' };

/**
 * The body of `POST /api/v2/webchat/guest/conversations` from a start request
 * (`wire-purecloud-v2.md` §2.1, §3): ids from the start options or the config, `routingTarget` from
 * `interactionData.routing`, the display name rule, and every form / userData value as a string in
 * `memberInfo.customFields`.
 *
 * @example
 * createConversationBody({ form: { firstname: 'Jane', lastname: 'Doe' }, userData: { phone: '555' }, interactionData: {} }, config);
 * // { organizationId, deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' },
 * //   memberInfo: { displayName: 'Jane Doe', role: 'CUSTOMER', customFields: { phoneNumber: '555', firstName: 'Jane', lastName: 'Doe' } } }
 *
 * @param request The start request (merged form, merged userData with the `_genesys_*` keys, interactionData).
 * @param config The resolved configuration (`transport.orgGuid`, `deploymentKey`, `interactionData`).
 */
export function createConversationBody(request: StartRequest, config: ResolvedConfig): CreateConversationRequest {
  const transport = config.transport;
  const interaction = mergeInteraction(transport.interactionData, request.interactionData);
  const routing: RoutingConfig = interaction.routing ?? {};
  const body: CreateConversationRequest = {
    organizationId: request.organizationId ?? transport.orgGuid ?? transport.organizationId ?? '',
    deploymentId: request.deploymentKey ?? transport.deploymentKey ?? '',
    routingTarget: {
      // §2.1: QUEUE is the only target type the API knows.
      targetType: routing.targetType ?? 'QUEUE',
      targetAddress: routing.targetAddress ?? '',
      ...(Array.isArray(routing.skills) ? { skills: routing.skills.map(String) } : {}),
      ...(routing.language !== undefined ? { language: String(routing.language) } : {}),
      ...(typeof routing.priority === 'number' ? { priority: routing.priority } : {}),
    },
    memberInfo: {
      displayName: displayName(request.form),
      role: 'CUSTOMER',
      customFields: customFields(request, interaction),
    },
  };
  const journey = journeyContext(interaction.journey);
  if (journey) body.journeyContext = journey;
  return body;
}

/** §2.1: nickname, else "first last", else first, else last, else "Customer". */
function displayName(form: StartRequest['form']): string {
  const nickname = text(form.nickname);
  if (nickname) return nickname;
  const first = text(form.firstname);
  const last = text(form.lastname);
  if (first && last) return `${first} ${last}`;
  return first || last || 'Customer';
}

/**
 * userData (without `phone`, which becomes `phoneNumber`), then `interactionData.userData`, then the
 * form: the form's own fields win, as the registration form is what the customer just typed. The
 * form's `nickname` goes in too (as well as into `displayName`), as the shipped client sends it.
 */
function customFields(request: StartRequest, interaction: InteractionData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.userData ?? {})) {
    put(fields, key === 'phone' ? 'phoneNumber' : key, value);
  }
  for (const [key, value] of Object.entries(interaction.userData ?? {})) put(fields, key, value);
  for (const [key, value] of Object.entries(request.form ?? {})) {
    if (key === 'form' || key === 'userData') continue;
    put(fields, ownValue(formFieldNames, key) ?? key, value);
  }
  return fields;
}

/** Product rule (§2.1): every value a string, objects JSON-stringified; absent values left out. */
function put(fields: Record<string, string>, key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  fields[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function journeyContext(journey: InteractionData['journey']): JourneyContext | undefined {
  if (!journey) return undefined;
  const context: JourneyContext = {};
  if (journey.customerId !== undefined || journey.customerIdType !== undefined) {
    context.customer = { id: journey.customerId, idType: journey.customerIdType };
  }
  if (journey.sessionId !== undefined || journey.sessionType !== undefined) {
    context.customerSession = { id: journey.sessionId, type: journey.sessionType };
  }
  if (journey.actionId !== undefined || journey.actionMapId !== undefined) {
    context.triggeringAction = {
      id: journey.actionId,
      actionMap: { id: journey.actionMapId, version: journey.actionMapVersion },
    };
  }
  return Object.keys(context).length ? context : undefined;
}

/** startChat's interactionData over the config's, routing merged key by key (`contract.md` §6.2, §6.10). */
function mergeInteraction(base: InteractionData | undefined, over: InteractionData | undefined): InteractionData {
  // Spreading `undefined` adds nothing: no `?? {}` needed.
  return {
    ...base,
    ...over,
    routing: { ...base?.routing, ...over?.routing },
    userData: { ...base?.userData, ...over?.userData },
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
