/** The question library's API (server/routes/admin-library.ts). */
import { request } from '../api/client';

export interface LibraryItem {
  id: number;
  title: Record<string, string>;
  kind: 'question' | 'block';
  elements: Record<string, unknown>[];
  createdBy: string;
  createdAt: string;
}

export const libraryApi = {
  list: () => request<{ items: LibraryItem[] }>('/api/admin/library'),
  add: (item: Pick<LibraryItem, 'title' | 'kind' | 'elements'>) =>
    request<{ item: LibraryItem }>('/api/admin/library', { method: 'POST', json: item }),
  remove: (id: number) => request<unknown>(`/api/admin/library/${id}`, { method: 'DELETE' }),
};
