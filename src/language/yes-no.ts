/** Explicit agreement or refusal, in English or Chinese. Anything else is neither. */
const YES =
  /^(y|yes|yeah|yep|yup|sure|ok|okay|confirm|confirmed|please do|do it|go ahead|correct|that's right|是|是的|好|好的|确认|可以|对|没问题|行)[.!。！,\s]*(please|thanks|thank you|谢谢)?[.!。！\s]*$/i;
const NO =
  /^(n|no|nope|don't|do not|cancel that|never mind|nevermind|stop|keep it|不|不要|不用|算了|取消|别)[.!。！\s]*$/i;

export function isExplicitYes(text: string): boolean {
  return YES.test(text.trim());
}

export function isExplicitNo(text: string): boolean {
  return NO.test(text.trim());
}
