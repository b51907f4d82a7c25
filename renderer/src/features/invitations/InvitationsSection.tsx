import { useCallback, useEffect, useState } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { OfflineType } from '../../api/contract.js';
import { offlineApi } from '../../api/offline.js';
import { commonText } from '../../components/common-text.js';
import { useText } from '../../i18n/text.js';
import { useSettings } from '../../state/settings.js';
import { badgeCountsQuery } from '../../realtime/badge-counts.js';
import { activityDays } from './activity-days.js';
import { ActivityItem } from './ActivityItem.js';
import { invitationsText } from './invitations-text.js';
import { offlineHistoryQuery } from './offline-history.js';
import { splitOffline } from './offline-messages.js';
import { PendingInvitation } from './PendingInvitation.js';
import { useKnownProjects } from './task-projects.js';
import './offline-live.js';
import './invitations.css';

/** How much activity the section tries to show before waiting for "load older". */
const FIRST_ACTIVITY = 20;

/** Invitations waiting for an answer, and the feed of everything else that happened. */
export function InvitationsSection() {
  const t = useText(invitationsText);
  const common = useText(commonText);
  const language = useSettings((s) => s.language);
  const formatter = new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  });
  const history = useInfiniteQuery(offlineHistoryQuery);
  const pendingCount = useQuery(badgeCountsQuery).data?.invitationsPending;
  const [answeredHere, setAnsweredHere] = useState<ReadonlySet<string>>(new Set());
  const settle = useCallback((id: string) => setAnsweredHere((ids) => new Set(ids).add(id)), []);
  const { pending, activity } = splitOffline(history.data?.pages.flat() ?? [], answeredHere);
  const waiting = pending.filter((m) => !m.dealt).length;
  const known = useKnownProjects(
    activity.some((m) => m.type === OfflineType.taskPublished || m.type === OfflineType.taskInvitation),
  );
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = history;

  useEffect(() => {
    // Opening the section hands over what waited, so the server counts it delivered.
    void offlineApi.take().catch(() => undefined);
  }, []);

  useEffect(() => {
    // Older pending invitations would hide behind "load older": fetch until all are shown.
    // A page can be all chat messages (they are left out): fetch on until a screenful of activity shows.
    const wanted = (pendingCount ?? 0) > waiting || activity.length < FIRST_ACTIVITY;
    if (wanted && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [pendingCount, waiting, activity.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (history.isPending) return <p className="empty-state">{common('loading')}</p>;
  if (history.isError)
    return (
      <div className="empty-state" role="alert">
        <p>{common('loadFailed', { reason: history.error.message })}</p>
        <button type="button" onClick={() => void history.refetch()}>
          {common('retry')}
        </button>
      </div>
    );

  return (
    <div className="invitations">
      <h1>{t('title')}</h1>
      <section aria-labelledby="invitations-pending">
        <h2 id="invitations-pending">
          {t('pending')}
          {waiting > 0 && <span className="count-pill">{waiting}</span>}
        </h2>
        {pending.length === 0 ? (
          <p className="muted">{t('noPending')}</p>
        ) : (
          <ul className="invitation-list">
            {pending.map((message) => (
              <li key={message.id}>
                <PendingInvitation message={message} known={known} onSettled={settle} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="invitations-activity">
        <h2 id="invitations-activity">{t('activity')}</h2>
        {activity.length === 0 ? (
          <p className="muted">{t('noActivity')}</p>
        ) : (
          activityDays(activity, Date.now()).map(({ day, when, messages }) => (
            <section key={day} className="activity-day" aria-labelledby={`activity-day-${day}`}>
              <h3 id={`activity-day-${day}`}>{when === 'date' ? formatter.format(day) : t(when)}</h3>
              <ul className="activity-list">
                {messages.map((message) => (
                  <ActivityItem key={message.id} message={message} known={known} />
                ))}
              </ul>
            </section>
          ))
        )}
        {hasNextPage && (
          <button
            type="button"
            className="load-older"
            disabled={isFetchingNextPage}
            onClick={() => void fetchNextPage()}
          >
            {isFetchingNextPage ? t('loadingOlder') : t('loadOlder')}
          </button>
        )}
      </section>
    </div>
  );
}
