//! Positions: LSP counts a position as a line and a character offset in
//! the code units of the negotiated encoding (UTF-8, UTF-16 or UTF-32);
//! the library counts byte offsets. Lines break at `\n`, `\r\n` and `\r`,
//! as in the parser and in the LSP specification.

use crate::syntax::line_index::LineIndex;
use gen_lsp_types::{Position, PositionEncodingKind, Range};

/// The unit a position's `character` counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The client's first choice among those it offers (the server speaks
    /// all three); UTF-16 when it offers none, as the protocol says.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        offered
            .unwrap_or_default()
            .iter()
            .find_map(|kind| match kind {
                PositionEncodingKind::UTF8 => Some(Encoding::Utf8),
                PositionEncodingKind::UTF16 => Some(Encoding::Utf16),
                PositionEncodingKind::UTF32 => Some(Encoding::Utf32),
                _ => None,
            })
            .unwrap_or(Encoding::Utf16)
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// A text with its line starts, to convert both ways.
pub struct Positions<'a> {
    src: &'a str,
    index: LineIndex,
    encoding: Encoding,
}

impl<'a> Positions<'a> {
    pub fn new(src: &'a str, encoding: Encoding) -> Self {
        Positions {
            src,
            index: LineIndex::new(src),
            encoding,
        }
    }

    /// The position of a byte offset. An offset past the end clamps to the
    /// end; one inside a character or a `\r\n` counts as where it starts.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.src.len());
        while !self.src.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line_of(offset);
        let content = self
            .index
            .line_content(self.src, line)
            .unwrap_or(offset..offset);
        let end = offset.clamp(content.start, content.end);
        let character: usize = self
            .src
            .get(content.start..end)
            .unwrap_or_default()
            .chars()
            .map(|c| self.encoding.units(c))
            .sum();
        Position {
            line: saturate(line),
            character: saturate(character),
        }
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range {
            start: self.position(start),
            end: self.position(end),
        }
    }

    /// The range of an edit. An edit that reaches the end of a text
    /// without a final line break ends on the line after the last: the
    /// same place for the protocol (clients clamp it), and how Neovim
    /// learns that the edit touches the end of the buffer, so that adding
    /// the final newline does not leave an empty last line that its
    /// 'fixeol' then doubles on write.
    pub fn edit_range(&self, start: usize, end: usize) -> Range {
        let ends_open = !self.src.ends_with(['\n', '\r']);
        let end_position = if end >= self.src.len() && ends_open {
            Position {
                line: saturate(self.index.line_of(self.src.len()) + 1),
                character: 0,
            }
        } else {
            self.position(end)
        };
        Range {
            start: self.position(start),
            end: end_position,
        }
    }

    /// The byte offset of a position. A character past the end of its line
    /// means the end of the line, a line past the last means the end of the
    /// text, and a position inside a character (half of a surrogate pair,
    /// a byte inside a Hangul syllable) means the start of that character.
    pub fn offset(&self, position: Position) -> usize {
        let Some(content) = self.index.line_content(self.src, position.line as usize) else {
            return self.src.len();
        };
        let target = position.character as usize;
        let mut units = 0;
        for (i, c) in self
            .src
            .get(content.clone())
            .unwrap_or_default()
            .char_indices()
        {
            let next = units + self.encoding.units(c);
            if next > target {
                return content.start + i;
            }
            units = next;
        }
        content.end
    }

    /// The position just past the last character.
    #[cfg(test)]
    pub fn end(&self) -> Position {
        self.position(self.src.len())
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn negotiation_takes_the_clients_first_choice_and_defaults_to_utf16() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&[])), Encoding::Utf16);
        let offered = [PositionEncodingKind::UTF32, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf32);
        let offered = [
            PositionEncodingKind::new("utf-7"),
            PositionEncodingKind::UTF8,
        ];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf16);
    }

    // "가" is 3 bytes, 1 UTF-16 unit; "😀" (U+1F600) is 4 bytes, 2 UTF-16
    // units (a surrogate pair), 1 scalar value.
    const TEXT: &str = "ab\n가😀x\r\n\r끝";

    #[test]
    fn hangul_and_astral_characters_in_each_encoding() {
        let x = TEXT.find('x').unwrap_or_default();
        assert_eq!(x, 3 + 3 + 4);
        let p8 = Positions::new(TEXT, Encoding::Utf8);
        let p16 = Positions::new(TEXT, Encoding::Utf16);
        let p32 = Positions::new(TEXT, Encoding::Utf32);
        assert_eq!(p8.position(x), pos(1, 7));
        assert_eq!(p16.position(x), pos(1, 3));
        assert_eq!(p32.position(x), pos(1, 2));
        for p in [&p8, &p16, &p32] {
            assert_eq!(p.offset(p.position(x)), x);
        }
        // After a lone `\r`, a new line starts.
        let last = TEXT.find('끝').unwrap_or_default();
        assert_eq!(p16.position(last), pos(3, 0));
        assert_eq!(p16.end(), pos(3, 1));
        assert_eq!(p8.end(), pos(3, 3));
    }

    #[test]
    fn an_edit_reaching_an_open_end_ends_on_the_next_line() {
        let p = Positions::new("a\nb", Encoding::Utf16);
        assert_eq!(
            p.edit_range(3, 3),
            Range {
                start: pos(1, 1),
                end: pos(2, 0)
            }
        );
        assert_eq!(p.offset(pos(2, 0)), 3);
        assert_eq!(
            p.edit_range(0, 1),
            Range {
                start: pos(0, 0),
                end: pos(0, 1)
            }
        );
        let closed = Positions::new("a\n", Encoding::Utf16);
        assert_eq!(
            closed.edit_range(2, 2),
            Range {
                start: pos(1, 0),
                end: pos(1, 0)
            }
        );
    }

    #[test]
    fn positions_inside_a_character_or_past_a_line_clamp() {
        let p16 = Positions::new(TEXT, Encoding::Utf16);
        let emoji = TEXT.find('😀').unwrap_or_default();
        // Between the two halves of the surrogate pair: the emoji's start.
        assert_eq!(p16.offset(pos(1, 2)), emoji);
        // Past the end of line 1 (before `\r\n`): the end of its content.
        assert_eq!(p16.offset(pos(1, 99)), TEXT.find('\r').unwrap_or_default());
        assert_eq!(p16.offset(pos(9, 0)), TEXT.len());
        // A byte offset inside "가" counts as the syllable's start.
        assert_eq!(p16.position(4), pos(1, 0));
        // Inside `\r\n`: the end of the line's content.
        let cr = TEXT.find('\r').unwrap_or_default();
        assert_eq!(p16.position(cr + 1), pos(1, 4));
    }

    #[test]
    fn every_char_boundary_round_trips_in_every_encoding() {
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let p = Positions::new(TEXT, encoding);
            for (i, _) in TEXT.char_indices() {
                let in_crlf =
                    TEXT.get(i.saturating_sub(1)..i) == Some("\r") && TEXT.get(i..=i) == Some("\n");
                if !in_crlf {
                    assert_eq!(p.offset(p.position(i)), i, "{encoding:?} at {i}");
                }
            }
        }
    }
}
