import { onServerEvent } from '../../realtime/dispatch.js';
import { applyInvitationState } from './offline-history.js';

// The invitee's card follows its invitation: withdrawn, or the task given to someone else.
onServerEvent('invitation.updated', (invitation, queryClient) => applyInvitationState(queryClient, invitation));
