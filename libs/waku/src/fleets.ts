/** Status fleets and their EIP-1459 DNS discovery trees (shared/reference/waku.md). */
export const STATUS_FLEETS = {
  'status.prod':
    'enrtree://AMOJVZX4V6EXP7NTJPMAYJYST2QP6AJXYW76IU6VGJS7UVSNDYZG4@boot.prod.status.nodes.status.im',
  'status.staging':
    'enrtree://AI4W5N5IFEUIHF5LESUAOSMV6TKWF2MB6GU2YK7PU4TYUGUNOCEPW@boot.staging.status.nodes.status.im',
} as const;

export type StatusFleet = keyof typeof STATUS_FLEETS;

export const isStatusFleet = (value: string): value is StatusFleet => Object.hasOwn(STATUS_FLEETS, value);
