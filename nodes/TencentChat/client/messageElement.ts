/** One element of a message body, as Tencent's TIMMsgElement: TIMTextElem, TIMCustomElem, ... */
export interface MessageElement {
	MsgType: string;
	MsgContent: Record<string, unknown>;
}
