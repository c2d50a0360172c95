/** [English, Russian, Uzbek (Latin)] names of survey-core properties and values. */
export const PROP_LABELS = {
  name: ['Name', 'Имя', 'Nomi'],
} as const;

export const ENUM_LABELS = {
  auto: ['Automatic', 'Автоматически', 'Avtomatik'],
} as const;
