/** 14/WAKU2-MESSAGE version 1 = 26/WAKU2-PAYLOAD encryption; Status traffic is always version 1. */
export const STATUS_MESSAGE_VERSION = 1;
