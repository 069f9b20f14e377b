// Reserved seating for buyers: the seat map every page draws (its names, zoom, legend) and choosing seats
// on the event page.
import type { Catalogue } from "../catalogue";

const en = {
  seating: {
    map: {
      title: "Seat map: {name}",
      stage: "Stage",
      zoom: "Zoom",
      zoomIn: "Zoom in",
      zoomOut: "Zoom out",
      zoomReset: "Fit",
      zoomLevel: "{percent}%",
      keyboardHint: "Tab to the map, move between seats with the arrow keys, and press Enter or Space to choose a seat.",
      seat: "{section}, row {row}, seat {number}",
      seatByCode: "Section {section}, row {row}, seat {number}",
      priceFrom: "from {price}",
      notOnSale: "not on sale",
      wheelchair: "wheelchair place",
      taken: "taken",
    },
    legend: {
      title: "Legend",
      chosen: "Your choice",
      taken: "Taken",
      wheelchair: "Wheelchair place (square)",
    },
    picker: {
      modes: "How to choose seats",
      modeChoose: "Choose seats",
      modeBest: "Best available",
      loading: "Loading the seat map…",
      loadError: "Could not load the seat map.",
      chosenTitle: "Your seats ({count})",
      noneChosen: "No seats chosen yet: choose free seats on the map.",
      zone: "Zone: {zone}",
      ticketType: "Ticket for {seat}",
      remove: "Remove {seat}",
      removeShort: "Remove",
      bestHint:
        "Say how many tickets you want: you get the best free seats side by side, front rows first. Wheelchair places are only given when chosen on the map.",
      zoneFree: "{available} of {seats} seats free",
      justTaken: "Just taken by someone else: {seats}. The map is up to date; choose other seats.",
      chooseSeats: "Choose at least one seat on the map.",
      overLimit: "At most {max} “{name}” tickets per order.",
      refusedTaken: "Some of your seats were taken a moment ago. Nothing was booked.",
      soldOutZone: "Not enough free seats in {zone}: {available} left.",
    },
  },
} as const;

const ru: Catalogue<typeof en> = {
  seating: {
    map: {
      title: "Схема зала: {name}",
      stage: "Сцена",
      zoom: "Масштаб",
      zoomIn: "Увеличить",
      zoomOut: "Уменьшить",
      zoomReset: "Вписать",
      zoomLevel: "{percent}%",
      keyboardHint: "Перейдите к схеме клавишей Tab, перемещайтесь между местами стрелками и нажмите Enter или пробел, чтобы выбрать место.",
      seat: "{section}, ряд {row}, место {number}",
      seatByCode: "Сектор {section}, ряд {row}, место {number}",
      priceFrom: "от {price}",
      notOnSale: "не продаётся",
      wheelchair: "место для коляски",
      taken: "занято",
    },
    legend: {
      title: "Обозначения",
      chosen: "Ваш выбор",
      taken: "Занято",
      wheelchair: "Место для коляски (квадрат)",
    },
    picker: {
      modes: "Как выбрать места",
      modeChoose: "Выбрать места",
      modeBest: "Лучшие свободные",
      loading: "Загружаем схему зала…",
      loadError: "Не удалось загрузить схему зала.",
      chosenTitle: "Ваши места ({count})",
      noneChosen: "Места пока не выбраны: выберите свободные места на схеме.",
      zone: "Зона: {zone}",
      ticketType: "Билет на {seat}",
      remove: "Убрать {seat}",
      removeShort: "Убрать",
      bestHint:
        "Укажите, сколько нужно билетов: вы получите лучшие свободные места рядом, ближе к сцене. Места для колясок выдаются только при выборе на схеме.",
      zoneFree: "Свободно {available} из {seats}",
      justTaken: "Только что заняты другими: {seats}. Схема обновлена, выберите другие места.",
      chooseSeats: "Выберите на схеме хотя бы одно место.",
      overLimit: "Не больше {max} билетов «{name}» в заказе.",
      refusedTaken: "Часть ваших мест только что заняли. Ничего не забронировано.",
      soldOutZone: "В зоне «{zone}» не хватает свободных мест: осталось {available}.",
    },
  },
};

export const seating = { en, ru };
