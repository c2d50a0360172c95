/** The question library's API (server/routes/admin-library.ts). */
import type { z } from 'zod';
import type { libraryList } from '../../../../server/routes/admin-library';
import { request } from '../api/client';

export type LibraryItem = z.output<typeof libraryList>['items'][number];

export const libraryApi = {
  list: () => request<{ items: LibraryItem[] }>('/api/admin/library'),
  add: (item: Pick<LibraryItem, 'title' | 'kind' | 'elements'>) =>
    request<{ item: LibraryItem }>('/api/admin/library', { method: 'POST', json: item }),
  remove: (id: number) => request<unknown>(`/api/admin/library/${id}`, { method: 'DELETE' }),
};
